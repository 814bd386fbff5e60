package org.clearancemap.stateparty;

import java.time.LocalDate;

/**
 * An Article 4(5)/(8) extension request and, once taken, the decision on it.
 *
 * @param synthetic invented for the demo: listed, labelled, but never a request awaiting a decision
 */
public record Extension(
        long id,
        String meeting,
        LocalDate submittedOn,
        LocalDate requestedUntil,
        String status,
        LocalDate grantedUntil,
        LocalDate decidedOn,
        String confidence,
        String source,
        boolean synthetic) {

    /** A request that is not synthetic. */
    public Extension(long id, String meeting, LocalDate submittedOn, LocalDate requestedUntil, String status,
                     LocalDate grantedUntil, LocalDate decidedOn, String confidence, String source) {
        this(id, meeting, submittedOn, requestedUntil, status, grantedUntil, decidedOn, confidence, source, false);
    }

    /**
     * Whether the request awaited a decision on {@code date}: submitted on or before it (or on an
     * unknown day) and either still {@code submitted} or decided only after it; a synthetic
     * request never awaits one.
     */
    public boolean pendingOn(LocalDate date) {
        if (synthetic || submittedOn != null && submittedOn.isAfter(date)) {
            return false;
        }
        return "submitted".equals(status) || (decidedOn != null && decidedOn.isAfter(date));
    }
}
