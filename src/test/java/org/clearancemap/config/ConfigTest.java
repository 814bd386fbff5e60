package org.clearancemap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        Config c = Config.fromEnv(Map.of());
        assertEquals(7070, c.port());
        assertEquals("127.0.0.1", c.host());
        assertEquals("jdbc:postgresql://127.0.0.1:55432/clearance", c.databaseUrl());
        assertEquals("clearance", c.databaseUser());
    }

    @Test
    void variablesOverrideTheDefaults() {
        Config c = Config.fromEnv(Map.of("PORT", "8081", "DATABASE_URL", "jdbc:postgresql://db:5432/x"));
        assertEquals(8081, c.port());
        assertEquals("jdbc:postgresql://db:5432/x", c.databaseUrl());
    }

    @Test
    void everyBadVariableIsNamedInOneMessage() {
        var e = assertThrows(Config.ConfigException.class, () -> Config.fromEnv(Map.of(
                "PORT", "seventy", "DATABASE_URL", "postgres://x", "DB_POOL_SIZE", "0")));
        assertTrue(e.getMessage().contains("PORT must be a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("DATABASE_URL must be a JDBC PostgreSQL URL"), e.getMessage());
        assertTrue(e.getMessage().contains("DB_POOL_SIZE must be between 1 and 200"), e.getMessage());
    }

    @Test
    void thePasswordIsMaskedInTheDescription() {
        Config c = Config.fromEnv(Map.of("DATABASE_PASSWORD", "s3cret"));
        assertFalse(c.describe().toString().contains("s3cret"));
        assertEquals("****", c.describe().get("DATABASE_PASSWORD"));
    }

    @Test
    void progressThreadsDefaultToTheAvailableProcessorsAndCanBeSet() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Config.fromEnv(Map.of()).progressThreadCount());
        assertEquals(1, Config.fromEnv(Map.of("PROGRESS_THREADS", "1")).progressThreadCount());
        assertEquals(3, Config.fromEnv(Map.of("PROGRESS_THREADS", "3")).progressThreadCount());
        var e = assertThrows(Config.ConfigException.class, () -> Config.fromEnv(Map.of("PROGRESS_THREADS", "-1")));
        assertTrue(e.getMessage().contains("PROGRESS_THREADS must be between 0 and 256"), e.getMessage());
    }

    @Test
    void noOnlineBasemapOriginIsAllowedByDefault() {
        assertEquals(java.util.List.of(), Config.fromEnv(Map.of()).basemapTileOrigins());
    }

    @Test
    void basemapTileOriginsAreHttpsOriginsSeparatedByCommas() {
        Config c = Config.fromEnv(Map.of("BASEMAP_TILE_ORIGINS", " https://Tile.Example.org, https://*.tiles.example.net:8443,"));
        assertEquals(java.util.List.of("https://tile.example.org", "https://*.tiles.example.net:8443"), c.basemapTileOrigins());
    }

    @Test
    void aBasemapTileOriginWithoutHttpsOrWithAPathOrAWildcardAloneIsRefusedByName() {
        for (String bad : java.util.List.of("http://tile.example.org", "https://tile.example.org/{z}/{x}/{y}.png",
                "*", "https://*", "tile.example.org", "https://tile.example.org; script-src *", "'unsafe-inline'")) {
            var e = assertThrows(Config.ConfigException.class, () -> Config.fromEnv(Map.of("BASEMAP_TILE_ORIGINS", bad)), bad);
            assertTrue(e.getMessage().contains("BASEMAP_TILE_ORIGINS must list https origins"), e.getMessage());
        }
    }
}
