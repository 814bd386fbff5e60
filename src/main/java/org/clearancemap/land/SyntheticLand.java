package org.clearancemap.land;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Writes generated hazard and release versions exactly as given (version numbers and validity
 * included), flagged synthetic, in batches on the caller's connection and transaction. Uploads go
 * through {@link VersionStage} instead.
 */
public final class SyntheticLand {
    private static final String INSERT_HAZARD = """
            INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, valid_until, retired_on,
                                retired_reason, contamination, evidence, attributes, geom4326, area_sqm,
                                upload_id, synthetic)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ST_Multi(ST_GeomFromWKB(?, 4326)), ?, ?, true)
            """;
    private static final String INSERT_RELEASE = """
            INSERT INTO land_release (iso3, external_id, version, method, completed_on, operator, items_destroyed,
                                      hazard_external_id, attributes, geom4326, area_sqm, upload_id, synthetic)
            VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?::jsonb, ST_Multi(ST_GeomFromWKB(?, 4326)), ?, ?, true)
            """;

    private SyntheticLand() {
    }

    /** Hazard versions of one State Party and upload, each with the same attributes. */
    public static Batch hazards(Connection c, String iso3, long uploadId, String attributesJson) throws SQLException {
        return new Batch(c.prepareStatement(INSERT_HAZARD), iso3, uploadId, attributesJson);
    }

    /** First versions of releases of one State Party and upload, each with the same attributes. */
    public static Batch releases(Connection c, String iso3, long uploadId, String attributesJson) throws SQLException {
        return new Batch(c.prepareStatement(INSERT_RELEASE), iso3, uploadId, attributesJson);
    }

    /** Rows collected by {@code add…}, written by {@link #write}. */
    public static final class Batch implements AutoCloseable {
        private final PreparedStatement insert;
        private final String iso3;
        private final long uploadId;
        private final String attributesJson;
        private final WKBWriter wkb = new WKBWriter(2);

        private Batch(PreparedStatement insert, String iso3, long uploadId, String attributesJson) {
            this.insert = insert;
            this.iso3 = iso3;
            this.uploadId = uploadId;
            this.attributesJson = attributesJson;
        }

        /** A hazard version valid from {@code recordedOn} until {@code validUntil} (null: current). */
        public void addHazard(String externalId, int version, Classification classification, LocalDate recordedOn,
                LocalDate validUntil, LocalDate retiredOn, String retiredReason, String contamination, String evidence,
                Geometry geom4326, double areaSqm) throws SQLException {
            add(iso3, externalId, version, classification.key(), recordedOn, validUntil, retiredOn, retiredReason,
                    contamination, evidence, attributesJson, wkb.write(geom4326), areaSqm, uploadId);
        }

        /** A release's first version. */
        public void addRelease(String externalId, ReleaseMethod method, LocalDate completedOn, String operator,
                Integer itemsDestroyed, String hazardExternalId, Geometry geom4326, double areaSqm)
                throws SQLException {
            add(iso3, externalId, method.key(), completedOn, operator, itemsDestroyed, hazardExternalId,
                    attributesJson, wkb.write(geom4326), areaSqm, uploadId);
        }

        /** One row, in the order of the statement's parameters; a null takes its column's type. */
        private void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.addBatch();
        }

        /** Writes the rows added so far. */
        public void write() throws SQLException {
            insert.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }
}
