package org.clearancemap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.clearancemap.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

class GeodesicAreaAgainstPostgisTest {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.create(GeodesicAreaAgainstPostgisTest.class);
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static double postgisAreaSqm(Geometry geometry) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement st = c.prepareStatement("SELECT ST_Area(ST_GeomFromWKB(?, 4326)::geography)")) {
            st.setBytes(1, new WKBWriter(2).write(geometry));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static void assertAgrees(Geometry geometry, double relative) throws Exception {
        double expected = postgisAreaSqm(geometry);
        assertEquals(expected, GeodesicArea.ofSqm(geometry), expected * relative, geometry.getGeometryType());
    }

    @Test
    void ordinaryPolygonsAgreeWithPostgisToOnePartInAThousandMillion() throws Exception {
        WKTReader wkt = new WKTReader();
        for (String polygon : List.of(
                "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))",
                "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.25 0.25, 0.75 0.25, 0.75 0.75, 0.25 0.75, 0.25 0.25))",
                "POLYGON ((102.60 17.95, 102.62 17.95, 102.63 17.97, 102.61 17.98, 102.60 17.95))",
                "MULTIPOLYGON (((10 50, 11 50, 11 51, 10 51, 10 50)), ((-70 -33, -69 -33, -69.5 -34, -70 -33)))",
                "POLYGON ((-60 -60, 60 -60, 60 60, -60 60, -60 -60))")) {
            assertAgrees(wkt.read(polygon), 1e-9);
        }
    }

    @Test
    void everyStatePartysTerritoryAgreesWithPostgis() throws Exception {
        for (String iso3 : List.of("AFG", "TCD", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM", "SSD")) {
            assertAgrees(Territories.naturalEarth().territory(iso3).orElseThrow(), 1e-9);
        }
    }
}
