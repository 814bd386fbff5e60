package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteRateTest {
    private final AtomicLong now = new AtomicLong(0);
    private final WriteRate rate = new WriteRate(6, now::get);

    @Test
    void aFreshTokenMayWriteItsWholeMinuteAllowanceAtOnce() {
        for (int i = 0; i < 6; i++) {
            assertEquals(0, rate.take(1), "write " + (i + 1));
        }
    }

    @Test
    void theWriteAfterTheAllowanceMustWaitForOneRefill() {
        for (int i = 0; i < 6; i++) {
            rate.take(1);
        }
        assertEquals(10, rate.take(1), "6 a minute refills one every 10 s");
    }

    @Test
    void theBucketRefillsWithTime() {
        for (int i = 0; i < 6; i++) {
            rate.take(1);
        }
        now.addAndGet(10_000_000_000L);
        assertEquals(0, rate.take(1));
        assertEquals(10, rate.take(1));
    }

    @Test
    void eachTokenHasItsOwnBucket() {
        for (int i = 0; i < 6; i++) {
            rate.take(1);
        }
        assertEquals(0, rate.take(2));
    }

    @Test
    void aLongPauseRefillsNoMoreThanOneMinuteOfWrites() {
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, rate.take(1));
        }
        assertEquals(10, rate.take(1));
    }
}
