package org.clearancemap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.stateparty.ExtensionRevision;
import org.junit.jupiter.api.Test;

/** The pure parts of the analysis: comparisons, labels and the kinds figures read as. */
class ExtensionAnalysisTest {
    private static final AnalysisTolerances DEFAULTS = new AnalysisTolerances(1, 10, 10, 1, 1.5, 5, 10);

    private static ExtensionAnalysis.Inputs inputs(ExtensionRevision.StatedFigures stated) {
        var revision = new ExtensionRevision(1, 1, null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 1, 10),
                LocalDate.of(2030, 12, 31), false, Map.of(), stated, List.of(), List.of(), null, null);
        return new ExtensionAnalysis.Inputs(revision, LocalDate.of(2026, 1, 10), LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 1, 10), AreaFigures.ZERO, List.of(), null, null, DEFAULTS);
    }

    @Test
    void twoZeroFiguresAreNoPercentApart() {
        assertEquals(0, ExtensionAnalysis.percentDifference(0, 0));
    }

    @Test
    void aDifferenceIsAPercentageOfTheLargerFigure() {
        assertEquals(20, ExtensionAnalysis.percentDifference(8, 10), 1e-9);
        assertEquals(20, ExtensionAnalysis.percentDifference(10, 8), 1e-9);
    }

    @Test
    void aDiscoveredAreaNotStatedCountsAsNone() {
        var stated = new ExtensionRevision.StatedFigures(BigDecimal.TEN, null, BigDecimal.valueOf(4), BigDecimal.valueOf(6));
        assertEquals(ExtensionAnalysis.Status.PASS, ExtensionAnalysis.statedConsistent(inputs(stated)).status());
    }

    @Test
    void withNothingMappedStatedAgainstMappedIsNotApplicable() {
        var stated = new ExtensionRevision.StatedFigures(BigDecimal.TEN, null, BigDecimal.valueOf(4), BigDecimal.valueOf(6));
        assertEquals(ExtensionAnalysis.Status.NOT_APPLICABLE, ExtensionAnalysis.statedVsMapped(inputs(stated)).status());
    }

    @Test
    void withoutAPlanCoverageFailsAndThePaceIsNotApplicable() {
        var stated = new ExtensionRevision.StatedFigures(null, null, null, BigDecimal.ONE);
        assertEquals(ExtensionAnalysis.Status.FAIL, WorkPlanChecks.coversRemaining(inputs(stated)).status());
        assertEquals(ExtensionAnalysis.Status.NOT_APPLICABLE, WorkPlanChecks.pacePlausible(inputs(stated)).status());
        assertEquals(ExtensionAnalysis.Status.NOT_APPLICABLE, WorkPlanChecks.fundingGap(inputs(stated)).status());
    }

    @Test
    void aFigureIsLabelledInWordsWithItsUnit() {
        assertEquals("Days late", ExtensionRequestAnalysis.label("daysLate"));
        assertEquals("Gap (USD)", ExtensionRequestAnalysis.label("gapUsd"));
        assertEquals("Planned release (km²)", ExtensionRequestAnalysis.label("plannedReleaseKm2"));
        assertEquals("Tolerance (%)", ExtensionRequestAnalysis.label("tolerancePercent"));
    }

    @Test
    void km2FiguresHoldSquareMetresAndMoneyWholeDollars() {
        assertEquals(Document.Kind.KM2, ExtensionRequestAnalysis.kind("remainingKm2", 1.5));
        assertEquals(1_500_000.0, ExtensionRequestAnalysis.value("remainingKm2", 1.5));
        assertEquals(Document.Kind.COUNT, ExtensionRequestAnalysis.kind("gapUsd", 10.6));
        assertEquals(11L, ExtensionRequestAnalysis.value("gapUsd", 10.6));
        assertEquals(Document.Kind.YEAR, ExtensionRequestAnalysis.kind("bestYear", 2019));
        assertEquals(Document.Kind.DATE, ExtensionRequestAnalysis.kind("meetingDate", LocalDate.of(2026, 1, 1)));
    }

    @Test
    void aToleranceIsCitedWithItsSettingAndUnit() {
        assertEquals("setting ANALYSIS_STATED_TOLERANCE_PERCENT = 1 %",
                AnalysisTolerances.cite(AnalysisTolerances.STATED, 1));
        assertEquals("setting ANALYSIS_PACE_FACTOR = 1.5", AnalysisTolerances.cite(AnalysisTolerances.PACE, 1.5));
    }
}
