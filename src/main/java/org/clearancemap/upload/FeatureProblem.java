package org.clearancemap.upload;

/**
 * Something wrong (an error) or repaired (a warning) in one feature of an uploaded file, written
 * for the operator who has to fix it.
 *
 * @param feature    zero-based index of the feature in the file, or null for the file as a whole
 * @param externalId the feature's external id when it has one
 * @param code       stable kebab-case code, e.g. {@code unclosed-ring}; listed in docs/API.md
 * @param message    what is wrong and what to do
 * @param location   {@code [lon, lat]} of the problem when it has a place, else null
 */
public record FeatureProblem(Integer feature, String externalId, String code, String message, double[] location) {

    public static FeatureProblem of(int feature, String externalId, String code, String message) {
        return new FeatureProblem(feature, externalId, code, message, null);
    }

    public static FeatureProblem at(int feature, String externalId, String code, String message, double lon, double lat) {
        return new FeatureProblem(feature, externalId, code, message, new double[] {lon, lat});
    }

    /** The whole file, not one feature. */
    public static FeatureProblem ofFile(String code, String message) {
        return new FeatureProblem(null, null, code, message, null);
    }

    /** The same problem with the external id filled in. */
    public FeatureProblem withExternalId(String id) {
        return new FeatureProblem(feature, id, code, message, location);
    }
}
