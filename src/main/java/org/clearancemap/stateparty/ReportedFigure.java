package org.clearancemap.stateparty;

import java.math.BigDecimal;

/** Areas (km²) a State or a monitor reported for one calendar year, with the source. */
public record ReportedFigure(
        long id,
        int year,
        BigDecimal remainingKm2,
        BigDecimal cancelledKm2,
        BigDecimal reducedKm2,
        BigDecimal clearedKm2,
        BigDecimal releasedKm2,
        Integer submunitionsDestroyed,
        String confidence,
        String source) {
}
