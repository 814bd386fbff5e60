package org.clearancemap.stateparty;

import java.time.LocalDate;

/** An Article 4(5)/(8) extension request and, once taken, the decision on it. */
public record Extension(
        long id,
        String meeting,
        LocalDate submittedOn,
        LocalDate requestedUntil,
        String status,
        LocalDate grantedUntil,
        LocalDate decidedOn,
        String confidence,
        String source) {

    /**
     * Whether the request awaited a decision on {@code date}: submitted on or before it (or on an
     * unknown day) and either still {@code submitted} or decided only after it.
     */
    public boolean pendingOn(LocalDate date) {
        if (submittedOn != null && submittedOn.isAfter(date)) {
            return false;
        }
        return "submitted".equals(status) || (decidedOn != null && decidedOn.isAfter(date));
    }
}
