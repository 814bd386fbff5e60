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
        return Deadline.of(AS_OF, DEADLINE, null, true, remaining, perYear, "mapped", false);
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
        Deadline d = Deadline.of(AS_OF, DEADLINE, LocalDate.of(2025, 6, 1), true, 5000, List.of(), "mapped", false);
        assertEquals(Deadline.Status.COMPLETED, d.status());
    }

    @Test
    void noFootprintAndNoReportedFiguresIsNoData() {
        assertEquals(Deadline.Status.NO_DATA, Deadline.of(AS_OF, DEADLINE, null, false, 0, List.of(), "mapped", false).status());
    }

    @Test
    void afterTheDeadlineThereIsNoRequiredRate() {
        Deadline d = Deadline.of(LocalDate.of(2031, 1, 1), DEADLINE, null, true, 5000, List.of(1000.0), "mapped", false);
        assertNull(d.requiredRateSqm());
        assertEquals(Deadline.Status.DEADLINE_PASSED, d.status());
    }

    @Test
    void aDeadlineBeforeTheDateIsPassedWithTheTimeSinceIt() {
        Deadline d = Deadline.of(LocalDate.of(2032, 3, 1), DEADLINE, null, true, 5000, List.of(1000.0), "mapped", false);
        assertEquals(Deadline.Status.DEADLINE_PASSED, d.status());
        assertEquals("deadline-passed", d.status().key());
        assertEquals(790L, d.deadlinePassedDays());
        assertEquals(2.16, d.deadlinePassedYears(), 1e-9);
        assertEquals(false, d.extensionRequestPending());
    }

    @Test
    void onTheDeadlineItselfTheDeadlineHasNotPassed() {
        Deadline d = Deadline.of(DEADLINE, DEADLINE, null, true, 5000, List.of(1000.0), "mapped", false);
        assertEquals(Deadline.Status.OFF_TRACK, d.status());
        assertNull(d.deadlinePassedDays());
        assertNull(d.deadlinePassedYears());
    }

    @Test
    void aPassedDeadlineComesBeforeAProjectionOnTrack() {
        // a projection met only after the deadline: the passed deadline is the status, not on-track
        Deadline d = Deadline.of(LocalDate.of(2030, 1, 2), DEADLINE, null, true, 10, List.of(1000.0), "mapped", true);
        assertEquals(Deadline.Status.DEADLINE_PASSED, d.status());
        assertEquals(1L, d.deadlinePassedDays());
        assertEquals(true, d.extensionRequestPending());
    }

    @Test
    void completionComesBeforeAPassedDeadline() {
        LocalDate after = LocalDate.of(2031, 1, 1);
        assertEquals(Deadline.Status.COMPLETED,
                Deadline.of(after, DEADLINE, LocalDate.of(2030, 6, 1), true, 5000, List.of(), "mapped", false).status());
        Deadline cleared = Deadline.of(after, DEADLINE, null, true, 0, List.of(1000.0), "mapped", false);
        assertEquals(Deadline.Status.COMPLETED, cleared.status());
        assertNull(cleared.deadlinePassedDays());
    }

    @Test
    void aPassedDeadlineWithNothingMappedOrReportedIsPassedNotNoData() {
        Deadline d = Deadline.of(LocalDate.of(2031, 1, 1), DEADLINE, null, false, 0, List.of(), "mapped", false);
        assertEquals(Deadline.Status.DEADLINE_PASSED, d.status());
    }

    @Test
    void aRequestIsPendingFromItsSubmissionUntilItsDecision() {
        Extension submitted = new Extension(1, "13MSP", LocalDate.of(2025, 1, 1), null, "submitted", null, null, null, null);
        assertEquals(false, submitted.pendingOn(LocalDate.of(2024, 12, 31)));
        assertEquals(true, submitted.pendingOn(LocalDate.of(2025, 1, 1)));
        Extension granted = new Extension(2, "12MSP", LocalDate.of(2024, 1, 1), LocalDate.of(2030, 8, 1), "granted",
                LocalDate.of(2030, 8, 1), LocalDate.of(2024, 9, 12), null, null);
        assertEquals(true, granted.pendingOn(LocalDate.of(2024, 9, 11)));
        assertEquals(false, granted.pendingOn(LocalDate.of(2024, 9, 12)));
        Extension grantedUndated = new Extension(3, "10MSP", LocalDate.of(2022, 5, 1), null, "granted",
                LocalDate.of(2024, 10, 1), null, null, null);
        assertEquals(false, grantedUndated.pendingOn(LocalDate.of(2026, 1, 1)));
    }
}
