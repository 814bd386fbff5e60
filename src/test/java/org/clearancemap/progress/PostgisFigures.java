package org.clearancemap.progress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The area figures of one State Party on one date computed by PostGIS alone, straight from the
 * definitions (ST_Union, ST_Difference, ST_Intersection, ST_Area(geography)): the independent
 * computation the engine is checked against.
 */
final class PostgisFigures {
    private static final String FIGURES = """
            WITH h AS (SELECT geom4326 AS g, classification AS c FROM hazard
                        WHERE iso3 = ? AND recorded_on <= ? AND (valid_until IS NULL OR valid_until > ?)),
                 r AS (SELECT id, method, completed_on, geom4326 AS g,
                              CASE method WHEN 'cleared' THEN 0 WHEN 'reduced' THEN 1 ELSE 2 END AS rank
                         FROM land_release WHERE iso3 = ? AND superseded_at IS NULL AND completed_on <= ?),
                 empty AS (SELECT ST_GeomFromText('POLYGON EMPTY', 4326) AS g),
                 hu AS (SELECT coalesce((SELECT ST_Union(g) FROM h), (SELECT g FROM empty)) AS g),
                 cu AS (SELECT coalesce((SELECT ST_Union(g) FROM h WHERE c = 'CHA'), (SELECT g FROM empty)) AS g),
                 ru AS (SELECT coalesce((SELECT ST_Union(g) FROM r), (SELECT g FROM empty)) AS g),
                 first_claim AS (
                     SELECT r.method, ST_Difference(ST_Intersection(r.g, hu.g),
                                coalesce((SELECT ST_Union(e.g) FROM r e
                                           WHERE (e.completed_on, e.rank, e.id) < (r.completed_on, r.rank, r.id)),
                                         (SELECT g FROM empty))) AS g
                       FROM r, hu)
            SELECT ST_Area(hu.g::geography) AS footprint,
                   ST_Area(cu.g::geography) AS footprint_cha,
                   ST_Area(ST_Difference(hu.g, ru.g)::geography) AS remaining,
                   ST_Area(ST_Difference(cu.g, ru.g)::geography) AS remaining_cha,
                   ST_Area(ST_Intersection(hu.g, ru.g)::geography) AS released,
                   ST_Area(ST_Difference(ru.g, hu.g)::geography) AS outside,
                   coalesce((SELECT sum(ST_Area(g::geography)) FROM first_claim WHERE method = 'cleared'), 0) AS cleared,
                   coalesce((SELECT sum(ST_Area(g::geography)) FROM first_claim WHERE method = 'reduced'), 0) AS reduced,
                   coalesce((SELECT sum(ST_Area(g::geography)) FROM first_claim WHERE method = 'cancelled'), 0) AS cancelled,
                   coalesce((SELECT sum(ST_Area(p.geom::geography))
                               FROM ST_Dump(ST_Difference(hu.g, ru.g)) AS p
                              WHERE ST_IsEmpty(ST_Buffer(ST_Transform(p.geom, ?), -?))), 0) AS slivers
              FROM hu, cu, ru
            """;

    record Figures(double footprint, double footprintCha, double remaining, double remainingCha, double released,
                   double outside, double cleared, double reduced, double cancelled, double slivers) {
    }

    /** @param utmSrid a metric projection for the sliver test; {@code toleranceM} its inward buffer */
    static Figures on(Connection c, String iso3, LocalDate date, int utmSrid, double toleranceM) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIGURES)) {
            ps.setString(1, iso3);
            ps.setObject(2, date);
            ps.setObject(3, date);
            ps.setString(4, iso3);
            ps.setObject(5, date);
            ps.setInt(6, utmSrid);
            ps.setDouble(7, toleranceM);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Figures(rs.getDouble("footprint"), rs.getDouble("footprint_cha"), rs.getDouble("remaining"),
                        rs.getDouble("remaining_cha"), rs.getDouble("released"), rs.getDouble("outside"),
                        rs.getDouble("cleared"), rs.getDouble("reduced"), rs.getDouble("cancelled"),
                        rs.getDouble("slivers"));
            }
        }
    }
}
