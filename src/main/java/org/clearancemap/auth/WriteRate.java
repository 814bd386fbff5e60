package org.clearancemap.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API token: up to {@code perMinute} writes in a burst, refilled at
 * {@code perMinute} per minute. Reads are never counted.
 */
final class WriteRate {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    WriteRate(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    int perMinute() {
        return perMinute;
    }

    /**
     * Takes one write from the token's bucket.
     *
     * @return 0 when the write may go ahead, else the whole seconds to wait before the next one
     */
    long take(long tokenId) {
        return buckets.computeIfAbsent(tokenId, id -> new Bucket(perMinute, nanoTime.getAsLong())).take();
    }

    private final class Bucket {
        private double available;
        private long refilledAt;

        Bucket(double available, long now) {
            this.available = available;
            this.refilledAt = now;
        }

        synchronized long take() {
            long now = nanoTime.getAsLong();
            available = Math.min(perMinute, available + (now - refilledAt) * perMinute / NANOS_PER_MINUTE);
            refilledAt = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            double nanosToOne = (1 - available) * NANOS_PER_MINUTE / perMinute;
            return Math.max(1, (long) Math.ceil(nanosToOne / 1e9));
        }
    }
}
