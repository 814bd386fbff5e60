package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.clearancemap.audit.Actor;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.db.Sql;

/** The SQL of the Lausanne Action Plan tables; each write and its audit event commit together. */
public final class LapRepository {
    private static final String INSERT_REGISTRY = """
            INSERT INTO lap_registry (source, loaded_by, synthetic) VALUES (?, ?, ?) RETURNING version
            """;
    private static final String INSERT_INDICATOR = """
            INSERT INTO lap_indicator (version, id, position, action, text, kind, measure) VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String REGISTRY = """
            SELECT version, source, loaded_by, loaded_at, synthetic FROM lap_registry
             WHERE version = coalesce(?, (SELECT max(version) FROM lap_registry))
            """;
    private static final String INDICATORS = """
            SELECT id, action, text, kind, measure FROM lap_indicator WHERE version = ? ORDER BY position
            """;
    private static final String VERSIONS = "SELECT version FROM lap_registry ORDER BY version";
    private static final String INSERT_VALUE = """
            INSERT INTO lap_value (iso3, indicator_id, year, version, value, override, source, note, recorded_by, synthetic)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) RETURNING id
            """;
    private static final String VALUE_COLUMNS = """
            id, iso3, indicator_id, year, version, value::text, override, source, note, recorded_by, recorded_at, synthetic
            """;
    private static final String HISTORY = "SELECT " + VALUE_COLUMNS + """
             FROM lap_value WHERE iso3 = ? AND indicator_id = ? AND year = ? ORDER BY id DESC
            """;
    private static final String LATEST_OF_YEAR = "SELECT DISTINCT ON (iso3, indicator_id) " + VALUE_COLUMNS + """
             FROM lap_value WHERE year = ? ORDER BY iso3, indicator_id, id DESC
            """;
    private static final String HAS_VALUES = "SELECT EXISTS (SELECT 1 FROM lap_value WHERE version = ?)";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public LapRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Loads a new registry version of {@code indicators} (in order); returns its number. */
    public int load(Actor actor, String source, boolean synthetic, List<Indicator> indicators) {
        return Sql.inTransaction(dataSource, "loading the indicator registry", c -> {
            int version;
            try (PreparedStatement ps = Sql.prepare(c, INSERT_REGISTRY, source, actor.name(), synthetic);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getInt(1);
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_INDICATOR)) {
                int position = 0;
                for (Indicator i : indicators) {
                    Sql.bind(ps, version, i.id(), position++, i.action(), i.text(), i.kind(), i.measure());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("source", source);
            detail.put("indicators", indicators.size());
            AuditLog.record(c, actor, AuditAction.LAP_REGISTRY_LOAD, "lap_registry", String.valueOf(version),
                    null, null, detail);
            return version;
        });
    }

    /** The registry version {@code version}, or the latest when null; empty when there is none. */
    public Optional<Registry> registry(Integer version) {
        return Sql.inTransaction(dataSource, "reading the indicator registry", c -> {
            Registry head;
            try (PreparedStatement ps = Sql.prepare(c, REGISTRY, version); ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                head = new Registry(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getBoolean(5), List.of());
            }
            List<Indicator> indicators = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, INDICATORS, head.version()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indicators.add(new Indicator(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return Optional.of(new Registry(head.version(), head.source(), head.loadedBy(), head.loadedAt(),
                    head.synthetic(), List.copyOf(indicators)));
        });
    }

    /** Every registry version's number, oldest first. */
    public List<Integer> versions() {
        return Sql.inTransaction(dataSource, "listing the indicator registry versions", c -> {
            List<Integer> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(VERSIONS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    /** Whether any value was recorded under registry version {@code version}. */
    public boolean hasValues(int version) {
        return Sql.inTransaction(dataSource, "reading the indicator values", c -> {
            try (PreparedStatement ps = Sql.prepare(c, HAS_VALUES, version); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** Appends a value to the history of ({@code iso3}, {@code indicatorId}, {@code year}); returns its id. */
    public long record(Actor actor, String iso3, String indicatorId, int year, int version, JsonNode value,
                       boolean override, String source, String note, boolean synthetic) {
        return Sql.inTransaction(dataSource, "recording an indicator value of " + iso3, c -> {
            long id;
            try (PreparedStatement ps = Sql.prepare(c, INSERT_VALUE, iso3, indicatorId, year, version, text(value),
                    override, source, note, actor.name(), synthetic); ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("indicator", indicatorId);
            detail.put("year", year);
            detail.put("value", value);
            detail.put("override", override);
            detail.put("source", source);
            AuditLog.record(c, actor, AuditAction.LAP_VALUE_RECORD, "lap_value", String.valueOf(id), iso3, null, detail);
            return id;
        });
    }

    /** Every value recorded for ({@code iso3}, {@code indicatorId}, {@code year}), newest first. */
    public List<RecordedValue> history(String iso3, String indicatorId, int year) {
        return values("reading indicator values of " + iso3, HISTORY, iso3, indicatorId, year);
    }

    /** The latest recorded value of every State Party and indicator for {@code year}. */
    public List<RecordedValue> latestOfYear(int year) {
        return values("reading the indicator values of " + year, LATEST_OF_YEAR, year);
    }

    private List<RecordedValue> values(String doing, String sql, Object... params) {
        return Sql.inTransaction(dataSource, doing, c -> {
            List<RecordedValue> out = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordedValue(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), node(rs.getString(6)), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getObject(11, OffsetDateTime.class), rs.getBoolean(12)));
                }
            }
            return out;
        });
    }

    private String text(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode node(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
