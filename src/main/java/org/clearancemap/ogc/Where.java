package org.clearancemap.ogc;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clearancemap.land.Condition;

/**
 * A SQL {@code WHERE} clause built one condition at a time, each with its bound values. Column names
 * come from constants of this package, never from a request.
 */
final class Where implements Condition {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** The conditions of an items query on a collection of hazards or releases. */
    static Where items(Collection collection, ItemsQuery query) {
        return new Where()
                .bbox(query.bbox())
                .dates(collection.kind().dateColumn(), query.datetime())
                .equalities(query.filters())
                .cql(query.filter());
    }

    /**
     * Features whose geometry intersects the bbox ({@code ST_Intersects}: the GiST index on
     * {@code geom4326} first, then the exact test, so a MultiPolygon split at the antimeridian is
     * not found by boxes between its parts); two boxes across the antimeridian.
     */
    Where bbox(double[] box) {
        if (box == null) {
            return this;
        }
        if (box[0] <= box[2]) {
            return add("ST_Intersects(geom4326, ST_MakeEnvelope(?, ?, ?, ?, 4326))", box[0], box[1], box[2], box[3]);
        }
        return add("(ST_Intersects(geom4326, ST_MakeEnvelope(?, ?, 180, ?, 4326)) OR ST_Intersects(geom4326, ST_MakeEnvelope(-180, ?, ?, ?, 4326)))",
                box[0], box[1], box[3], box[1], box[2], box[3]);
    }

    /** Days of {@code column} within the interval (both ends included). */
    Where dates(String column, DateInterval interval) {
        if (interval == null) {
            return this;
        }
        if (interval.start() != null) {
            add(column + " >= ?", Date.valueOf(interval.start()));
        }
        if (interval.end() != null) {
            add(column + " <= ?", Date.valueOf(interval.end()));
        }
        return this;
    }

    Where equalities(Map<PropertyFilter, String> filters) {
        filters.forEach((f, v) -> add(f.column() + " = ?", v));
        return this;
    }

    /** The CQL2 filter's condition, if there is one. */
    Where cql(Cql2Filter filter) {
        return filter == null ? this : add(filter.sql(), filter.values().toArray());
    }

    Where add(String condition, Object... bound) {
        conditions.add(condition);
        values.addAll(List.of(bound));
        return this;
    }

    @Override
    public String sql() {
        return conditions.isEmpty() ? "TRUE" : String.join("\n   AND ", conditions);
    }

    @Override
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object v : values) {
            ps.setObject(i++, v);
        }
        return i;
    }
}
