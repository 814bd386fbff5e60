package org.clearancemap.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.clearancemap.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Esri JSON FeatureSet is told apart from GeoJSON by its content, and its spatialReference read. */
class EsriJsonTest {
    private static final String RING = "{\"rings\":[[[0,0],[0,1],[1,1],[0,0]]]}";

    @TempDir
    Path dir;

    private EsriJson.FeatureSet scan(String text) throws Exception {
        Path file = dir.resolve("f.json");
        Files.writeString(file, text);
        return EsriJson.scan(file);
    }

    @Test
    void aGeoJsonFeatureCollectionIsNoFeatureSet() throws Exception {
        assertNull(scan("{\"type\":\"FeatureCollection\",\"features\":[]}"));
    }

    @Test
    void aGeoJsonWhoseFeaturesComeBeforeItsTypeIsNoFeatureSet() throws Exception {
        assertNull(scan("{\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}],"
                + "\"type\":\"FeatureCollection\"}"));
    }

    @Test
    void aGeoJsonWithAForeignSpatialReferenceMemberIsNoFeatureSet() throws Exception {
        assertNull(scan("{\"spatialReference\":{\"wkid\":4326},\"type\":\"FeatureCollection\",\"features\":[]}"));
    }

    @Test
    void brokenJsonIsLeftToTheGeoJsonReader() throws Exception {
        assertNull(scan("{\"geometryType\":\"esriGeometryPolygon\",\"features\":[{\"attributes\":{},"));
        assertNull(scan("[1,2]"));
    }

    @Test
    void featuresWithAttributesMakeAFeatureSet() throws Exception {
        EsriJson.FeatureSet set = scan("{\"features\":[{\"attributes\":{\"a\":1},\"geometry\":" + RING + "},"
                + "{\"attributes\":{\"a\":2},\"geometry\":" + RING + "}],\"fields\":[],"
                + "\"spatialReference\":{\"wkid\":102100,\"latestWkid\":3857},\"exceededTransferLimit\":true}");
        assertNotNull(set);
        assertEquals(102100, set.wkid());
        assertEquals(3857, set.latestWkid());
        assertTrue(set.hasFields());
        assertTrue(set.exceededTransferLimit(), "read after the features too");
    }

    @Test
    void anEmptyFeatureSetIsToldByItsGeometryType() throws Exception {
        EsriJson.FeatureSet set = scan("{\"geometryType\":\"esriGeometryPolygon\",\"fields\":[],\"features\":[]}");
        assertEquals("esriGeometryPolygon", set.geometryType());
        assertNull(set.wkid());
    }

    @Test
    void webMercatorWkidsAreEpsg3857WithoutAskingProj() {
        var set = new EsriJson.FeatureSet("esriGeometryPolygon", 102100, null, false, true, false);
        assertEquals("EPSG:3857", EsriJson.sourceCrs(set, crs -> false));
    }

    @Test
    void theLatestWkidComesFirstThenTheWkidAsEpsgThenAsEsri() {
        var set = new EsriJson.FeatureSet("esriGeometryPolygon", 102028, 999999, false, true, false);
        assertEquals("ESRI:102028", EsriJson.sourceCrs(set, Set.of("ESRI:102028")::contains));
        assertEquals("EPSG:999999", EsriJson.sourceCrs(set, Set.of("EPSG:999999", "ESRI:102028")::contains));
    }

    @Test
    void aWktSpatialReferenceIsLeftToGdal() {
        assertNull(EsriJson.sourceCrs(new EsriJson.FeatureSet(null, null, null, true, true, false), crs -> false));
    }

    @Test
    void noKnownWkidIsRefusedNamingBoth() {
        var set = new EsriJson.FeatureSet("esriGeometryPolygon", 123456, 654321, false, true, false);
        ApiException e = assertThrows(ApiException.class, () -> EsriJson.sourceCrs(set, crs -> false));
        assertTrue(e.getMessage().contains("wkid 123456, latestWkid 654321"), e.getMessage());
    }
}
