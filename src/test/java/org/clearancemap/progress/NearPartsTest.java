package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.WKTReader;

class NearPartsTest {

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader().read(text);
    }

    @Test
    void theRestIsPolygonalWhenEveryPartWasNearAndTheOverlayLeftALine() throws Exception {
        NearParts parts = NearParts.of(wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)))"), new Envelope(0, 1, 0, 1));
        Geometry rest = parts.keptWith(wkt("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 0.5, 0 0)), LINESTRING (0 1, 1 1))"));
        assertInstanceOf(Polygonal.class, rest);
        assertEquals("MULTIPOLYGON (((0 0, 1 0, 1 0.5, 0 0)))", rest.toText());
    }

    @Test
    void theRestKeepsThePartsFarFromTheRelease() throws Exception {
        NearParts parts = NearParts.of(wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))"),
                new Envelope(0, 1, 0, 1));
        Geometry rest = parts.keptWith(wkt("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 0.5, 0 0)), LINESTRING (0 1, 1 1))"));
        assertEquals("MULTIPOLYGON (((5 5, 6 5, 6 6, 5 6, 5 5)), ((0 0, 1 0, 1 0.5, 0 0)))", rest.toText());
    }
}
