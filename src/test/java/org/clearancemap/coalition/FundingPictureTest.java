package org.clearancemap.coalition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.clearancemap.stateparty.ExtensionRevision;
import org.clearancemap.stateparty.ExtensionRevision.Funding;
import org.clearancemap.stateparty.ExtensionRevision.WorkPlanYear;
import org.junit.jupiter.api.Test;

class FundingPictureTest {
    private static ExtensionRevision revision(List<WorkPlanYear> plan, List<Funding> funding) {
        return new ExtensionRevision(7, 2, null, null, null, LocalDate.of(2030, 1, 1), false, Map.of(), null, plan,
                funding, null, null);
    }

    private static WorkPlanYear year(int year, String neededUsd) {
        return new WorkPlanYear(year, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, null,
                neededUsd == null ? null : new BigDecimal(neededUsd));
    }

    @Test
    void theGapIsNeededLessSecuredAndDisbursedAndAPledgeDoesNotCloseIt() {
        FundingPicture p = FundingPicture.of(3, false, revision(List.of(year(2026, "100")),
                List.of(new Funding(2026, "a", new BigDecimal("30"), "secured"),
                        new Funding(2026, "b", new BigDecimal("20"), "disbursed"),
                        new Funding(2026, "c", new BigDecimal("40"), "pledged"))));
        assertEquals(new BigDecimal("50"), p.years().get(0).gapUsd());
        assertEquals(new BigDecimal("40"), p.years().get(0).pledgedUsd());
        assertEquals(new BigDecimal("50"), p.gapUsd());
        assertEquals(3, p.extensionRequestId());
        assertEquals(7, p.revisionId());
        assertEquals(2, p.revisionNumber());
    }

    @Test
    void aYearFundedBeyondItsNeedHasANegativeGapThatOffsetsTheTotal() {
        FundingPicture p = FundingPicture.of(3, false, revision(List.of(year(2026, "100"), year(2027, "10")),
                List.of(new Funding(2027, "a", new BigDecimal("25"), "secured"))));
        assertEquals(new BigDecimal("-15"), p.years().get(1).gapUsd());
        assertEquals(new BigDecimal("85"), p.gapUsd());
    }

    @Test
    void aYearWithoutAStatedBudgetHasNoGapAndNoYearWithOneLeavesTheTotalNull() {
        FundingPicture p = FundingPicture.of(3, true, revision(List.of(year(2026, null)),
                List.of(new Funding(2027, "a", new BigDecimal("25"), "secured"))));
        assertNull(p.years().get(0).gapUsd());
        assertNull(p.years().get(1).neededUsd());
        assertNull(p.years().get(1).gapUsd());
        assertNull(p.gapUsd());
    }
}
