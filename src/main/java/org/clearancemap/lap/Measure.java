package org.clearancemap.lap;

import java.util.Arrays;
import java.util.Optional;

/** The measures the server computes from its data, each named by the id a registry binds an indicator to. */
public enum Measure {
    MAPPED_BASELINE("mapped-baseline", "yes-no",
            "Hazardous areas are recorded for the State Party by the end of the year."),
    RELEASE_REPORTED_BY_METHOD("release-reported-by-method", "yes-no",
            "A figure reported for the year gives the land cancelled, reduced or cleared."),
    MILESTONES_SET("milestones-set", "yes-no",
            "An annual milestone is set for the year after."),
    COSTED_WORK_PLAN("costed-work-plan", "yes-no",
            "The latest revision of the latest extension request has work-plan years with the budget needed."),
    ON_TRACK_AT_YEAR_END("on-track-at-year-end", "yes-no",
            "On 31 December of the year the State Party is on track to meet its deadline, or has completed."),
    REPORTED_WITHIN_TOLERANCE_OF_MAPPED("reported-within-tolerance-of-mapped", "yes-no",
            "The latest remaining area reported by the year end is within the set tolerance of the remaining area mapped.");

    private final String id;
    private final String kind;
    private final String description;

    Measure(String id, String kind, String description) {
        this.id = id;
        this.kind = kind;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** The kind of value the measure gives. */
    public String kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public static Optional<Measure> named(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
