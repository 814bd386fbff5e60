package org.clearancemap.land;

import java.util.List;

/**
 * The two kinds of mapped land, and everything in which their storage differs: the table, the
 * columns that describe a version, and how a current version is closed when a new one replaces it.
 * What they share (external id, version number, attributes, geometry, area, upload) is not repeated.
 */
public enum LandKind {
    /**
     * A changed hazard closes its current version on the day the new one is recorded
     * ({@code valid_until = recorded_on}); a new version recorded before the current one is a
     * conflict.
     */
    HAZARDS("hazard", "hazard", "recorded", List.of("classification", "recorded_on", "contamination", "evidence",
            "admin1", "admin2", "pcode"),
            "valid_until = s.recorded_on", true),
    /** A changed release marks its current version superseded now; its dates may go either way. */
    RELEASES("land_release", "release", "completed",
            List.of("method", "completed_on", "operator", "items_destroyed", "hazard_external_id", "admin1", "admin2",
                    "pcode"),
            "superseded_at = now()", false);

    private final String table;
    private final String name;
    private final String dated;
    private final List<String> described;
    private final String closeCurrent;
    private final boolean datedAfterCurrent;

    LandKind(String table, String name, String dated, List<String> described, String closeCurrent,
            boolean datedAfterCurrent) {
        this.table = table;
        this.name = name;
        this.dated = dated;
        this.described = described;
        this.closeCurrent = closeCurrent;
        this.datedAfterCurrent = datedAfterCurrent;
    }

    /** The table every version is stored in. */
    String table() {
        return table;
    }

    /** The singular name: {@code hazard} or {@code release}. */
    public String singular() {
        return name;
    }

    /** The plural name, as the map layers are called: {@code hazards} or {@code releases}. */
    public String plural() {
        return name + "s";
    }

    /** Every version, with {@code is_current} (a view of V43). */
    String versions() {
        return "land." + name + "_version";
    }

    /** The current versions only (a view of V43). */
    String current() {
        return "land.current_" + name;
    }

    /** The date a version is placed in time by: recorded on (hazards), completed on (releases). */
    public String dateColumn() {
        return dated + "_on";
    }

    /** What happened on that date: {@code recorded} or {@code completed}. */
    String dated() {
        return dated;
    }

    /**
     * The columns that describe a version besides external id, attributes and geometry; a staged
     * version equal to the current one in these, the attributes and the geometry is unchanged.
     */
    List<String> described() {
        return described;
    }

    /** The {@code SET} clause closing the current version ({@code s}: the new version's stage row). */
    String closeCurrent() {
        return closeCurrent;
    }

    /** Whether a new version must be dated on or after the current one. */
    boolean datedAfterCurrent() {
        return datedAfterCurrent;
    }
}
