package org.clearancemap.upload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.http.ApiException;

/**
 * The problems of one upload in the order they were found: errors (any one refuses the file),
 * warnings (the file is accepted) and, under {@code invalid=skip}, the features left out for their
 * errors; each counted in full and listed up to {@link UploadReport#MAX_LISTED}.
 *
 * <p>An error of a feature is <i>feature-level</i>: leaving that feature out would let the rest
 * be stored. An error of the file as a whole (no feature index) is <i>file-level</i>. A refusal
 * whose errors are all feature-level and that leaves at least one feature without error says so
 * ({@code skippable: {validFeatures, invalidFeatures}}): sending it again with {@code invalid=skip}
 * stores those.
 */
final class Problems {
    private final List<FeatureProblem> errors = new ArrayList<>();
    private final List<FeatureProblem> warnings = new ArrayList<>();
    private final List<FeatureProblem> skipped = new ArrayList<>();
    private int errorCount;
    private int warningCount;
    private int invalidFeatures;
    private int skippedCount;
    private boolean fileErrors;

    void error(FeatureProblem problem) {
        if (problem.feature() == null) {
            fileErrors = true;
        }
        if (errorCount++ < UploadReport.MAX_LISTED) {
            errors.add(problem);
        }
    }

    /** The errors of one feature, which refuse the file. */
    void refuse(List<FeatureProblem> featureErrors) {
        invalidFeatures++;
        featureErrors.forEach(this::error);
    }

    /**
     * Leaves one feature out for its errors: listed once, under its first error, with the messages
     * of any others added to it.
     */
    void skip(List<FeatureProblem> featureErrors) {
        invalidFeatures++;
        if (skippedCount++ >= UploadReport.MAX_LISTED) {
            return;
        }
        FeatureProblem first = featureErrors.get(0);
        if (featureErrors.size() > 1) {
            var message = new StringBuilder(first.message());
            for (FeatureProblem other : featureErrors.subList(1, featureErrors.size())) {
                message.append("; also ").append(other.code()).append(": ").append(other.message());
            }
            first = new FeatureProblem(first.feature(), first.externalId(), first.code(), message.toString(),
                    first.location());
        }
        skipped.add(first);
    }

    void warn(FeatureProblem problem) {
        if (warningCount++ < UploadReport.MAX_LISTED) {
            warnings.add(problem);
        }
    }

    int errorCount() {
        return errorCount;
    }

    boolean hasErrors() {
        return errorCount > 0;
    }

    List<FeatureProblem> warnings() {
        return List.copyOf(warnings);
    }

    int warningsOmitted() {
        return Math.max(0, warningCount - warnings.size());
    }

    List<FeatureProblem> skipped() {
        return List.copyOf(skipped);
    }

    /** Features left out under {@code invalid=skip}. */
    int skippedCount() {
        return skippedCount;
    }

    int skippedOmitted() {
        return skippedCount() - skipped.size();
    }

    /**
     * The 422 refusing a file of {@code features} features for its errors, with the warnings found
     * so far beside them, {@code skippable} when leaving out the invalid features would store the
     * others and, from a dry run, the preview of what could be stored.
     */
    ApiException rejected(int features, Object preview) {
        String first = errors.isEmpty() ? "" : " First: " + describe(errors.get(0));
        var members = new LinkedHashMap<String, Object>();
        members.put("errors", List.copyOf(errors));
        members.put("errorCount", errorCount);
        members.put("warnings", List.copyOf(warnings));
        members.put("warningCount", warningCount);
        int valid = features - invalidFeatures;
        String skippable = "";
        if (!fileErrors && invalidFeatures > 0 && valid > 0) {
            members.put("skippable", Map.of("validFeatures", valid, "invalidFeatures", invalidFeatures));
            skippable = " Send it again with invalid=skip to store the " + valid + " valid "
                    + (valid == 1 ? "feature" : "features") + " and leave out the " + invalidFeatures + ".";
        }
        if (preview != null) {
            members.put("preview", preview);
        }
        return new ApiException.Unprocessable(errorCount + (errorCount == 1 ? " problem" : " problems") + " in "
                + features + (features == 1 ? " feature" : " features") + "; nothing was written." + first
                + skippable, members);
    }

    /** The 422 when {@code invalid=skip} would leave out every feature of the file. */
    ApiException nothingLeft(int features) {
        String first = skipped.isEmpty() ? "" : " First: " + describe(skipped.get(0));
        return new ApiException.Unprocessable("None of the " + features + (features == 1 ? " feature" : " features")
                + " can be stored; nothing was written." + first,
                Map.of("errors", List.copyOf(skipped), "errorCount", skippedCount));
    }

    private static String describe(FeatureProblem p) {
        return (p.feature() == null ? "" : "feature " + p.feature()
                + (p.externalId() == null ? "" : " (" + p.externalId() + ")") + ": ") + p.message() + ".";
    }
}
