package org.clearancemap.db;

/** PostgreSQL WAL positions ({@code pg_lsn}, written {@code X/Y} in hexadecimal) as ordered numbers. */
public final class Lsn {
    private Lsn() {
    }

    /** The position {@code text} ({@code 16/B374D848}) names, as a number that orders positions as PostgreSQL does. */
    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** The text PostgreSQL writes for {@code lsn}. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }
}
