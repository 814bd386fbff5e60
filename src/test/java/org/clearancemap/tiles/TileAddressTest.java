package org.clearancemap.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.clearancemap.config.Config;
import org.clearancemap.http.ApiException;
import org.junit.jupiter.api.Test;

class TileAddressTest {

    @Test
    void theWorldTileCoversTheWholeWebMercatorWorld() {
        assertArrayEquals(new double[] {-180, -90, 180, 90}, new TileAddress(0, 0, 0).bounds4326(0), 1e-9);
    }

    @Test
    void aZoomOneTileIsAQuarterOfTheWorld() {
        double[] box = new TileAddress(1, 1, 0).bounds4326(0);
        assertEquals(0, box[0], 1e-9);
        assertEquals(0, box[1], 1e-9);
        assertEquals(180, box[2], 1e-9);
        assertEquals(90, box[3], 1e-9);
    }

    @Test
    void theBufferGrowsTheBoxButNeverPastTheAntimeridian() {
        double[] plain = new TileAddress(10, 0, 500).bounds4326(0);
        double[] grown = new TileAddress(10, 0, 500).bounds4326(0.05);
        assertEquals(-180, grown[0], 1e-9);
        assertTrue(grown[2] > plain[2]);
        assertTrue(grown[1] < plain[1] && grown[3] > plain[3]);
    }

    @Test
    void anInnerRowHasTheWebMercatorLatitudes() {
        // row 0 at zoom 2 runs from 85.0511 N down to 66.5133 N
        double[] box = new TileAddress(2, 1, 0).bounds4326(0);
        assertEquals(66.51326, box[1], 1e-5);
    }

    @Test
    void aColumnOutsideTheGridNamesX() {
        var e = assertThrows(ApiException.class, () -> TileAddress.parse("2", "4", "0", 0, 22));
        assertEquals("x", e.extensions().get("parameter"));
    }

    @Test
    void aZoomOutsideTheConfiguredRangeNamesZ() {
        var e = assertThrows(ApiException.class, () -> TileAddress.parse("3", "0", "0", 4, 14));
        assertEquals("z", e.extensions().get("parameter"));
        assertTrue(e.detail().contains("between 4 and 14"));
    }

    @Test
    void theTileSettingsHaveShortCachingAndTheFullZoomRangeByDefault() {
        Config c = Config.fromEnv(Map.of());
        assertEquals(60, c.tileCacheMaxAgeS());
        assertEquals(0, c.tileMinZoom());
        assertEquals(22, c.tileMaxZoom());
    }

    @Test
    void aMinimumZoomAboveTheMaximumIsRefusedAtStart() {
        var e = assertThrows(Config.ConfigException.class, () -> Config.fromEnv(Map.of("TILE_MIN_ZOOM", "15", "TILE_MAX_ZOOM", "10")));
        assertTrue(e.getMessage().contains("TILE_MIN_ZOOM must not exceed TILE_MAX_ZOOM"), e.getMessage());
    }
}
