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
}
