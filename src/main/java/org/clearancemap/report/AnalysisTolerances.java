package org.clearancemap.report;

import java.util.Locale;
import java.util.Map;

/**
 * The tolerances of the analysis of an extension request, each a setting ({@code Config}); a
 * check's detail names the setting it used and its value.
 */
public record AnalysisTolerances(double statedPercent, double mappedPercent, double reportedPercent,
                                 double coveragePercent, double paceFactor, double fundingGapPercent,
                                 double milestonePercent) {
    static final String STATED = "ANALYSIS_STATED_TOLERANCE_PERCENT";
    static final String MAPPED = "ANALYSIS_MAPPED_TOLERANCE_PERCENT";
    static final String REPORTED = "ANALYSIS_REPORTED_TOLERANCE_PERCENT";
    static final String COVERAGE = "ANALYSIS_PLAN_COVERAGE_TOLERANCE_PERCENT";
    static final String PACE = "ANALYSIS_PACE_FACTOR";
    static final String FUNDING_GAP = "ANALYSIS_FUNDING_GAP_TOLERANCE_PERCENT";
    static final String MILESTONE = "ANALYSIS_MILESTONE_TOLERANCE_PERCENT";

    /** From the settings by name; every one must be there. */
    public static AnalysisTolerances of(Map<String, Double> settings) {
        return new AnalysisTolerances(get(settings, STATED), get(settings, MAPPED), get(settings, REPORTED),
                get(settings, COVERAGE), get(settings, PACE), get(settings, FUNDING_GAP), get(settings, MILESTONE));
    }

    private static double get(Map<String, Double> settings, String name) {
        Double v = settings.get(name);
        if (v == null) {
            throw new IllegalArgumentException("setting " + name + " is not declared");
        }
        return v;
    }

    /** "the setting NAME = value %" (or "×" for the factor), as a detail cites it. */
    static String cite(String name, double value) {
        String unit = name.endsWith("_PERCENT") ? " %" : "";
        String shown = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ENGLISH, "%s", value);
        return "setting " + name + " = " + shown + unit;
    }
}
