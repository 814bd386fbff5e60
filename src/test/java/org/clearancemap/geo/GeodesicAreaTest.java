package org.clearancemap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeodesicAreaTest {

    private static final double ONE_DEGREE_CELL_AT_EQUATOR_SQM = 12_308_778_361.469;

    private static double areaSqm(String wkt) {
        try {
            return GeodesicArea.ofSqm(new WKTReader().read(wkt));
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    private static void assertRelativelyEqual(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void areaOfOneDegreeSquareAtEquatorMatchesKarney() {
        assertRelativelyEqual(ONE_DEGREE_CELL_AT_EQUATOR_SQM,
                areaSqm("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"), 1e-12);
    }

    @Test
    void ringOrientationDoesNotMatter() {
        assertRelativelyEqual(ONE_DEGREE_CELL_AT_EQUATOR_SQM,
                areaSqm("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))"), 1e-12);
    }

    @Test
    void theStartingVertexDoesNotMatter() {
        assertRelativelyEqual(areaSqm("POLYGON ((102.6 17.9, 102.7 17.9, 102.7 18, 102.6 17.9))"),
                areaSqm("POLYGON ((102.7 18, 102.6 17.9, 102.7 17.9, 102.7 18))"), 1e-12);
    }

    @Test
    void holesSubtractWhateverTheirOrientation() {
        double outer = areaSqm("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        double inner = areaSqm("POLYGON ((0.25 0.25, 0.75 0.25, 0.75 0.75, 0.25 0.75, 0.25 0.25))");
        assertRelativelyEqual(outer - inner, areaSqm(
                "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.25 0.25, 0.75 0.25, 0.75 0.75, 0.25 0.75, 0.25 0.25))"), 1e-12);
        assertRelativelyEqual(outer - inner, areaSqm(
                "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.25 0.25, 0.25 0.75, 0.75 0.75, 0.75 0.25, 0.25 0.25))"), 1e-12);
    }

    @Test
    void aMultiPolygonIsTheSumOfItsPolygons() {
        double first = areaSqm("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        double second = areaSqm("POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50))");
        assertRelativelyEqual(first + second,
                areaSqm("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((10 50, 10 51, 11 51, 11 50, 10 50)))"), 1e-12);
    }

    @Test
    void aCellAtHigherLatitudeIsSmallerThanAtTheEquator() {
        double at60 = areaSqm("POLYGON ((0 60, 1 60, 1 61, 0 61, 0 60))");
        assertEquals(true, at60 < ONE_DEGREE_CELL_AT_EQUATOR_SQM / 2);
    }

    @Test
    void emptyGeometriesHaveNoArea() {
        assertEquals(0.0, areaSqm("POLYGON EMPTY"));
        assertEquals(0.0, areaSqm("MULTIPOLYGON EMPTY"));
    }

    @Test
    void pointsAndLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> areaSqm("POINT (1 2)"));
        assertThrows(IllegalArgumentException.class, () -> areaSqm("LINESTRING (0 0, 1 1)"));
        assertThrows(IllegalArgumentException.class,
                () -> areaSqm("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)))"));
    }

    @Test
    void aHectareSquareNearVientianeIsAboutOneHectare() throws ParseException {
        // 100 m x 100 m, built with metres per degree at 18 degrees north; within 1 % of 10,000 m²
        double dLat = 100.0 / 110_700.0;
        double dLon = 100.0 / (111_320.0 * Math.cos(Math.toRadians(18.0)));
        Geometry square = new WKTReader().read(String.format(java.util.Locale.ROOT,
                "POLYGON ((102.6 18, %1$.9f 18, %1$.9f %2$.9f, 102.6 %2$.9f, 102.6 18))", 102.6 + dLon, 18 + dLat));
        assertEquals(10_000.0, GeodesicArea.ofSqm(square), 100.0);
    }
}
