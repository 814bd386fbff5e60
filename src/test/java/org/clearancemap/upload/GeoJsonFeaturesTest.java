package org.clearancemap.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass reader: well-formed polygons come as compact rings (whatever the order of their
 * members, with heights dropped), everything else is read again as the very JSON it was.
 */
class GeoJsonFeaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build());

    @TempDir
    Path dir;

    private record Read(int index, Map<String, Object> properties, GeoJsonFeatures.RawGeometry geometry) {
    }

    private List<Read> read(String... geometries) throws Exception {
        var features = new ArrayList<String>();
        for (int i = 0; i < geometries.length; i++) {
            features.add("{\"type\":\"Feature\",\"geometry\":" + geometries[i] + ",\"properties\":{\"n\":" + i + "}}");
        }
        Path file = dir.resolve("f.geojson");
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",\n", features) + "]}");
        var result = new ArrayList<Read>();
        GeoJsonFeatures.read(file, 100, 100, (index, props, geometry) -> result.add(new Read(index, props, geometry)));
        return result;
    }

    @Test
    void wellFormedPolygonsComeAsCompactRings() throws Exception {
        List<Read> r = read(
                "{\"coordinates\":[[[1,2,99],[3,2,98],[3,4],[1,2]],[[1.5,2.5],[2,2.5],[2,3],[1.5,2.5]]],\"type\":\"Polygon\"}",
                "{\"type\":\"MultiPolygon\",\"bbox\":[0,0,9,9],\"coordinates\":[[[[1,2],[3,2],[3,4],[1,2]]],"
                        + "[[[5,6],[7,6],[7,8],[5,6]]]]}");
        List<List<double[]>> polygon = r.get(0).geometry().polygons();
        assertEquals(1, polygon.size());
        assertArrayEquals(new double[] {1, 2, 3, 2, 3, 4, 1, 2}, polygon.get(0).get(0));
        assertArrayEquals(new double[] {1.5, 2.5, 2, 2.5, 2, 3, 1.5, 2.5}, polygon.get(0).get(1));
        assertEquals(2, r.get(1).geometry().polygons().size());
        assertArrayEquals(new double[] {5, 6, 7, 6, 7, 8, 5, 6}, r.get(1).geometry().polygons().get(1).get(0));
        assertEquals(1L, r.get(1).properties().get("n"));
        var built = PolygonReader.read(r.get(0).geometry(), 100);
        assertTrue(built.ok());
        assertEquals(8, built.vertices());
        assertEquals(1, built.geometry().getGeometryN(0).getNumGeometries());
    }

    @Test
    void anythingElseIsReadAgainAsTheJsonItWas() throws Exception {
        String[] odd = {
            "{\"type\":\"Point\",\"coordinates\":[1,2]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,2],[3,4],[1,95]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,2],[NaN,4],[1,2]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,2],[\"x\",4],[1,2]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[1,2],[3,2],[3,4],[1,2]]]}",
            "{\"type\":\"Polygon\",\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,2],[3,4],[1,2]]]}",
            "\"Polygon\"",
        };
        List<Read> r = read(odd);
        for (int i = 0; i < odd.length; i++) {
            GeoJsonFeatures.RawGeometry g = r.get(i).geometry();
            assertNull(g.polygons(), odd[i]);
            assertEquals(JSON.readTree(odd[i]), g.tree(), odd[i]);
            assertEquals(i, ((Long) r.get(i).properties().get("n")).intValue(), "the reader went on after " + odd[i]);
        }
        // short or open rings parse compactly, then the tree says what is wrong
        List<Read> open = read("{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,2],[3,4],[1,3]]]}", "null");
        assertNotNull(open.get(0).geometry().polygons());
        assertEquals("unclosed-ring", PolygonReader.read(open.get(0).geometry(), 100).code());
        assertTrue(open.get(1).geometry().absent());
        assertEquals("missing-geometry", PolygonReader.read(open.get(1).geometry(), 100).code());
        assertEquals("too-many-vertices", PolygonReader.read(read(
                "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,2],[3,4],[1,2]]]}").get(0).geometry(), 3).code());
    }
}
