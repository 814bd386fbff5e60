package org.clearancemap.stateparty;

import java.time.LocalDate;

/**
 * A State Party with Article 4 obligations, as stored.
 *
 * @param originalDeadline entry into force + 10 years (Art. 4(1)(a))
 * @param currentDeadline  the latest granted extension, else the original deadline
 * @param completedOn      date of the declaration of completion, when made
 */
public record StateParty(
        String iso3,
        String name,
        LocalDate eifDate,
        LocalDate originalDeadline,
        LocalDate currentDeadline,
        LocalDate completedOn,
        String confidence,
        String source) {
}
