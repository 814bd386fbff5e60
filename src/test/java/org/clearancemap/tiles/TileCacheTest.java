package org.clearancemap.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.clearancemap.ogc.Collection;
import org.junit.jupiter.api.Test;

class TileCacheTest {

    private static TileCache.Key key(Collection c, int x) {
        return new TileCache.Key(c, new TileAddress(14, x, 100), null);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void theCacheNeverHoldsMoreThanItsBudgetAndDropsTheLeastRecentlyUsedFirst() {
        long budget = 64 * 1024;
        var cache = new TileCache(budget);
        for (int i = 0; i < 500; i++) {
            int seed = i;
            cache.get(key(Collection.HAZARDS, i), () -> randomBytes(4096, seed));
            assertTrue(cache.bytes() <= budget, "after " + i + ": " + cache.bytes());
        }
        assertTrue(cache.size() > 0 && cache.size() < 500, "size " + cache.size());
        var made = new AtomicInteger();
        cache.get(key(Collection.HAZARDS, 499), () -> {
            made.incrementAndGet();
            return new byte[] {1};
        });
        cache.get(key(Collection.HAZARDS, 0), () -> {
            made.incrementAndGet();
            return new byte[] {1};
        });
        assertEquals(1, made.get(), "the newest tile is still held, the oldest was dropped");
    }

    @Test
    void aCachedTileIsServedAgainWithItsGzipAndEtag() throws Exception {
        var cache = new TileCache(1 << 20);
        byte[] bytes = "a tile, a tile, a tile, a tile".getBytes();
        TileCache.Tile first = cache.get(key(Collection.RELEASES, 1), () -> bytes);
        TileCache.Tile again = cache.get(key(Collection.RELEASES, 1), () -> new byte[] {9});
        assertSame(first, again);
        assertEquals(TileCache.etag(bytes), again.etag());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(again.gzipped()))) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void invalidatingACollectionDropsOnlyItsTiles() {
        var cache = new TileCache(1 << 20);
        cache.get(key(Collection.HAZARDS, 1), () -> new byte[] {1});
        cache.get(key(Collection.RELEASES, 1), () -> new byte[] {2});
        cache.invalidate(Collection.HAZARDS);
        assertEquals(3, cache.get(key(Collection.HAZARDS, 1), () -> new byte[] {3}).bytes()[0]);
        assertEquals(2, cache.get(key(Collection.RELEASES, 1), () -> new byte[] {4}).bytes()[0]);
    }

    @Test
    void aTileMadeWhileItsCollectionIsInvalidatedIsServedButNotKept() {
        var cache = new TileCache(1 << 20);
        TileCache.Tile stale = cache.get(key(Collection.HAZARDS, 1), () -> {
            cache.invalidate(Collection.HAZARDS);
            return new byte[] {1};
        });
        assertEquals(1, stale.bytes()[0]);
        assertEquals(2, cache.get(key(Collection.HAZARDS, 1), () -> new byte[] {2}).bytes()[0]);
    }

    @Test
    void aNewDataVersionDropsEveryTileAndTheSameOneNothing() {
        var cache = new TileCache(1 << 20);
        cache.observe("1-1-1-1");
        cache.get(key(Collection.HAZARDS, 1), () -> new byte[] {1});
        cache.observe("1-1-1-1");
        assertEquals(1, cache.size());
        cache.observe("2-2-1-1");
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        var cache = new TileCache(0);
        cache.get(key(Collection.HAZARDS, 1), () -> new byte[] {1});
        assertEquals(0, cache.size());
        assertEquals(0, cache.bytes());
    }
}
