package org.clearancemap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.sf.geographiclib.Geodesic;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class LocalFrameTest {

    private final LocalFrame vientiane = new LocalFrame(102.6, 17.97);

    @Test
    void aPointOneKilometreEastIsOneGeodesicKilometreAway() {
        Coordinate east = vientiane.toLonLat(1_000.0, 0.0);
        assertEquals(1_000.0, Geodesic.WGS84.Inverse(17.97, 102.6, east.y, east.x).s12, 0.002);
        assertEquals(17.97, east.y, 0.001);
    }

    @Test
    void theCentreMapsToItself() {
        assertEquals(new Coordinate(102.6, 17.97), vientiane.toLonLat(0.0, 0.0));
    }

    @Test
    void mappingToLonLatAndBackReturnsTheLocalPointToTheMillimetre() {
        Coordinate lonLat = vientiane.toLonLat(-730.0, 1_250.0);
        Coordinate local = vientiane.toLocal(lonLat.x, lonLat.y);
        assertEquals(-730.0, local.x, 0.002);
        assertEquals(1_250.0, local.y, 0.002);
    }

    @Test
    void aOneHectareLocalSquareHasAGeodesicAreaOfOneHectare() {
        Geometry square = new GeometryFactory().createPolygon(new Coordinate[] {
            new Coordinate(0, 0), new Coordinate(100, 0), new Coordinate(100, 100), new Coordinate(0, 100), new Coordinate(0, 0)});
        Geometry lonLat = vientiane.toLonLat(square);
        assertEquals(4326, lonLat.getSRID());
        assertEquals(10_000.0, GeodesicArea.ofSqm(lonLat), 0.5);
    }
}
