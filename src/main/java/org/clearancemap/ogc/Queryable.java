package org.clearancemap.ogc;

import java.util.List;

/**
 * A feature property that a CQL2 {@code filter} may name (OGC API – Features Part 3), with the
 * column it reads and its type. The columns are constants of this class, never taken from a request.
 *
 * @param name    the property name, as in the features
 * @param column  the column (or SQL expression over the collection's row) it is read from
 * @param type    how literals compared with it are read and bound
 * @param allowed the values it can take, or empty
 */
public record Queryable(String name, String column, Type type, List<String> allowed) {

    /** The type of a queryable, as JSON Schema and CQL2 see it. */
    public enum Type {
        STRING, INTEGER, NUMBER, DATE
    }

    private static final Queryable STATE_PARTY = new Queryable("state_party", "iso3", Type.STRING, List.of());
    private static final Queryable EXTERNAL_ID = new Queryable("external_id", "external_id", Type.STRING, List.of());
    private static final Queryable VERSION = new Queryable("version", "version", Type.INTEGER, List.of());
    private static final Queryable AREA = new Queryable("area_sqm", "area_sqm", Type.NUMBER, List.of());
    private static final Queryable ADMIN1 = new Queryable("admin1", "admin1", Type.STRING, List.of());
    private static final Queryable ADMIN2 = new Queryable("admin2", "admin2", Type.STRING, List.of());
    private static final Queryable PCODE = new Queryable("pcode", "pcode", Type.STRING, List.of());

    /** The queryables of a collection, in the order the features list them. */
    public static List<Queryable> of(Collection collection) {
        return switch (collection) {
            case HAZARDS -> List.of(STATE_PARTY, EXTERNAL_ID, VERSION,
                    new Queryable("classification", "classification", Type.STRING, List.of("SHA", "CHA")),
                    new Queryable("recorded_on", "recorded_on", Type.DATE, List.of()),
                    new Queryable("contamination", "contamination", Type.STRING, List.of()),
                    new Queryable("evidence", "evidence", Type.STRING, List.of()), ADMIN1, ADMIN2, PCODE, AREA);
            case RELEASES -> List.of(STATE_PARTY, EXTERNAL_ID, VERSION,
                    new Queryable("method", "method", Type.STRING, List.of("cancelled", "reduced", "cleared")),
                    new Queryable("completed_on", "completed_on", Type.DATE, List.of()),
                    new Queryable("operator", "operator", Type.STRING, List.of()),
                    new Queryable("items_destroyed", "items_destroyed", Type.INTEGER, List.of()),
                    new Queryable("hazard_external_id", "hazard_external_id", Type.STRING, List.of()), ADMIN1, ADMIN2,
                    PCODE, AREA);
            case REMAINING -> List.of(STATE_PARTY);
        };
    }
}
