package org.clearancemap.db;

/** A database failure, wrapped with what was being done; mapped to 503 or 500 by the problem mapper. */
public final class DataAccessException extends RuntimeException {
    public DataAccessException(String doing, Throwable cause) {
        super("database error while " + doing, cause);
    }
}
