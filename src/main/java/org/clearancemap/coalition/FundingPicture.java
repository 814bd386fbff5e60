package org.clearancemap.coalition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.stateparty.ExtensionRevision;

/**
 * The funding picture of a State Party, from one revision of an extension request.
 *
 * <p>Rules: each year the revision's work plan or funding names; {@code neededUsd} is the plan's
 * budget needed (null where the plan gives none); pledged, secured and disbursed are the sums of
 * the revision's funding entries of that status; {@code gapUsd} = needed − (secured + disbursed),
 * null where nothing needed is stated, negative where more is funded than needed. The gap in all is
 * the sum of the years' gaps (null when no year has one).
 */
public record FundingPicture(long extensionRequestId, long revisionId, int revisionNumber, boolean synthetic,
                             List<Year> years, BigDecimal gapUsd) {

    /** A year of the picture, USD. */
    public record Year(int year, BigDecimal neededUsd, BigDecimal pledgedUsd, BigDecimal securedUsd,
                       BigDecimal disbursedUsd, BigDecimal gapUsd) {
    }

    /** The picture of {@code revision}, a revision of request {@code requestId}. */
    public static FundingPicture of(long requestId, boolean synthetic, ExtensionRevision revision) {
        BigDecimal total = null;
        List<Year> years = new ArrayList<>();
        for (ExtensionRevision.PlanYearTotals t : revision.planYearTotals()) {
            BigDecimal gap = t.budgetNeededUsd() == null ? null
                    : t.budgetNeededUsd().subtract(t.securedUsd().add(t.disbursedUsd()));
            if (gap != null) {
                total = total == null ? gap : total.add(gap);
            }
            years.add(new Year(t.year(), t.budgetNeededUsd(), t.pledgedUsd(), t.securedUsd(), t.disbursedUsd(), gap));
        }
        return new FundingPicture(requestId, revision.id(), revision.number(), synthetic, List.copyOf(years), total);
    }

    /** The picture as the API serves it. */
    public Map<String, Object> toJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("extensionRequestId", extensionRequestId);
        m.put("revisionId", revisionId);
        m.put("revisionNumber", revisionNumber);
        m.put("synthetic", synthetic);
        m.put("years", years);
        m.put("gapUsd", gapUsd);
        return m;
    }
}
