package org.clearancemap.upload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.http.ApiException;

/**
 * The problems of one upload in the order they were found: errors (any one refuses the file) and
 * warnings (the file is accepted), each counted in full and listed up to
 * {@link UploadReport#MAX_LISTED}.
 */
final class Problems {
    private final List<FeatureProblem> errors = new ArrayList<>();
    private final List<FeatureProblem> warnings = new ArrayList<>();
    private int errorCount;
    private int warningCount;

    void error(FeatureProblem problem) {
        if (errorCount++ < UploadReport.MAX_LISTED) {
            errors.add(problem);
        }
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

    /**
     * The 422 refusing a file of {@code features} features for its errors, with the warnings found
     * so far beside them and, from a dry run, the preview of what could be stored.
     */
    ApiException rejected(int features, Object preview) {
        String first = errors.isEmpty() ? "" : " First: " + describe(errors.get(0));
        var members = new LinkedHashMap<String, Object>();
        members.put("errors", List.copyOf(errors));
        members.put("errorCount", errorCount);
        members.put("warnings", List.copyOf(warnings));
        members.put("warningCount", warningCount);
        if (preview != null) {
            members.put("preview", preview);
        }
        return new ApiException.Unprocessable(errorCount + (errorCount == 1 ? " problem" : " problems") + " in "
                + features + (features == 1 ? " feature" : " features") + "; nothing was written." + first, members);
    }

    private static String describe(FeatureProblem p) {
        return (p.feature() == null ? "" : "feature " + p.feature()
                + (p.externalId() == null ? "" : " (" + p.externalId() + ")") + ": ") + p.message() + ".";
    }
}
