package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEADLINE = LocalDate.of(2030, 1, 1);

    private static Deadline of(double remaining, List<Double> perYear) {
        return Deadline.of(AS_OF, DEADLINE, null, true, remaining, perYear, "mapped");
    }

    @Test
    void theAnnualRateIsTheMeanOfTheYearsGiven() {
        assertEquals(200.0, of(1000, List.of(100.0, 200.0, 300.0)).annualRateSqm(), 1e-9);
    }

    @Test
    void theRequiredRateIsRemainingOverYearsLeft() {
        Deadline d = of(4000, List.of(1000.0));
        assertEquals(4000 / d.yearsLeft(), d.requiredRateSqm(), 1e-9);
        assertEquals(4.0, d.yearsLeft(), 0.01);
    }

    @Test
    void projectedOnOrBeforeTheDeadlineIsOnTrack() {
        assertEquals(Deadline.Status.ON_TRACK, of(3000, List.of(1000.0)).status());
    }

    @Test
    void projectedWithinAYearAfterTheDeadlineIsAtRisk() {
        assertEquals(Deadline.Status.AT_RISK, of(4500, List.of(1000.0)).status());
    }

    @Test
    void projectedMoreThanAYearLateIsOffTrack() {
        assertEquals(Deadline.Status.OFF_TRACK, of(6000, List.of(1000.0)).status());
    }

    @Test
    void noReleasesInTheRateYearsIsOffTrackWithoutAProjection() {
        Deadline d = of(6000, List.of(0.0, 0.0, 0.0));
        assertEquals(Deadline.Status.OFF_TRACK, d.status());
        assertNull(d.projectedCompletion());
    }

    @Test
    void nothingRemainingIsCompletedToday() {
        Deadline d = of(0.001, List.of(1000.0));
        assertEquals(Deadline.Status.COMPLETED, d.status());
        assertEquals(AS_OF, d.projectedCompletion());
    }

    @Test
    void aDeclarationOfCompletionIsCompletedWhateverIsMapped() {
        Deadline d = Deadline.of(AS_OF, DEADLINE, LocalDate.of(2025, 6, 1), true, 5000, List.of(), "mapped");
        assertEquals(Deadline.Status.COMPLETED, d.status());
    }

    @Test
    void noFootprintAndNoReportedFiguresIsNoData() {
        assertEquals(Deadline.Status.NO_DATA, Deadline.of(AS_OF, DEADLINE, null, false, 0, List.of(), "mapped").status());
    }

    @Test
    void afterTheDeadlineThereIsNoRequiredRate() {
        Deadline d = Deadline.of(LocalDate.of(2031, 1, 1), DEADLINE, null, true, 5000, List.of(1000.0), "mapped");
        assertNull(d.requiredRateSqm());
        assertEquals(Deadline.Status.OFF_TRACK, d.status());
    }
}
