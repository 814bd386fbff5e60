package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.clearancemap.geo.GeodesicArea;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class SliversTest {
    private static final LocalDate RECORDED = LocalDate.of(2020, 1, 1);

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader().read(text);
    }

    @Test
    void aStripHalfAMetreWideIsASliverAtTolerancePointFive() throws Exception {
        // 0.000004° of latitude is about 0.44 m
        assertTrue(Slivers.isSliver((Polygon) wkt("POLYGON((105 15,105.002 15,105.002 15.000004,105 15.000004,105 15))"), 0.5));
    }

    @Test
    void aStripTwoMetresWideIsNotASliverAtTolerancePointFive() throws Exception {
        assertFalse(Slivers.isSliver((Polygon) wkt("POLYGON((105 15,105.002 15,105.002 15.000018,105 15.000018,105 15))"), 0.5));
    }

    @Test
    void aThinHazardThatNoReleaseTouchedIsNeverDroppedAsASliver() throws Exception {
        Geometry thin = wkt("MULTIPOLYGON(((105 15,105.002 15,105.002 15.000004,105 15.000004,105 15)))");
        MappedLand land = new MappedLand("ZZZ", List.of(new HazardVersion(1, true, RECORDED, null, thin)), List.of());
        AreaFigures f = new AreaEngine(0.5).figuresOn(Cluster.of(land), LocalDate.of(2021, 1, 1));
        assertEquals(GeodesicArea.ofSqm(thin), f.remainingSqm(), 1e-9);
        assertEquals(0.0, f.ignoredSliverSqm());
    }
}
