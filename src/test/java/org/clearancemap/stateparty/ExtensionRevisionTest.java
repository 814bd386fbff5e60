package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionRevisionTest {
    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static ExtensionRevision revision(List<ExtensionRevision.WorkPlanYear> plan, List<ExtensionRevision.Funding> funding) {
        return new ExtensionRevision(1, 1, "14MSP", null, null, null, false, Map.of(),
                new ExtensionRevision.StatedFigures(null, null, null, null), plan, funding, null, null);
    }

    @Test
    void eachPlanYearAddsUpItsAreasAndTheFundingOfEachStatus() {
        var totals = revision(List.of(
                new ExtensionRevision.WorkPlanYear(2026, d("1.5"), d("0.75"), d("0.5"), 4, d("1200000")),
                new ExtensionRevision.WorkPlanYear(2027, d("2"), d("1"), d("0.8"), null, null)), List.of(
                new ExtensionRevision.Funding(2026, "National budget", d("300000"), "disbursed"),
                new ExtensionRevision.Funding(2026, "Donor A", d("500000"), "pledged"),
                new ExtensionRevision.Funding(2026, "Donor B", d("250000.50"), "pledged"),
                new ExtensionRevision.Funding(2027, "Donor A", d("400000"), "secured"))).planYearTotals();
        assertEquals(List.of(
                new ExtensionRevision.PlanYearTotals(2026, d("2.75"), d("1200000"), d("750000.50"), d("0"), d("300000")),
                new ExtensionRevision.PlanYearTotals(2027, d("3.8"), null, d("0"), d("400000"), d("0"))), totals);
    }

    @Test
    void aYearWithFundingButNoPlanEntryHasNoAreaOrBudget() {
        var totals = revision(List.of(), List.of(new ExtensionRevision.Funding(2028, "Donor C", d("10"), "secured")))
                .planYearTotals();
        assertEquals(List.of(new ExtensionRevision.PlanYearTotals(2028, null, null, d("0"), d("10"), d("0"))), totals);
    }
}
