package org.clearancemap;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of the server, read once from the environment.
 *
 * <p>Defaults live in {@link #DEFAULTS} and nowhere else. {@link #fromEnv(Map)} checks every value
 * and fails with one message naming each bad variable, so a misconfigured server never starts
 * half-way.
 *
 * @param host                 address the HTTP server binds to
 * @param port                 HTTP port
 * @param databaseUrl          JDBC URL of the PostGIS database
 * @param databaseUser         database role
 * @param databasePassword     database password (never logged)
 * @param dbPoolSize           maximum connections in the pool
 * @param statementTimeoutMs   statement timeout set on every connection
 * @param maxBodyBytes         largest request body accepted
 * @param maxFeaturesPerPage   most features a GeoJSON list endpoint returns at once
 * @param logLevel             trace, debug, info, warn, error or off (applied by {@link Main} at start)
 * @param maxFeaturesPerUpload most features in one uploaded file
 * @param maxVerticesPerFeature most vertices in one uploaded feature
 * @param maxUnzippedBytes     most bytes an uploaded zip (Shapefile set, KMZ) may unpack to
 * @param ogrTimeoutSeconds    longest a GDAL conversion of an upload may run
 * @param uploadEarliestDate   earliest survey or release date an upload may carry (earlier ones are typing mistakes)
 * @param tileCacheMaxAgeS     {@code Cache-Control: max-age} of vector tiles fetched without a data version
 * @param tileMinZoom          lowest zoom level served as vector tiles
 * @param tileMaxZoom          highest zoom level served as vector tiles
 * @param tileCacheMaxBytes    memory the server keeps recently served vector tiles in (0: no cache)
 * @param sliverToleranceM     remaining pieces an inward buffer of this many metres erases are ignored as slivers
 * @param rateYears            complete years the annual release rate is averaged over
 * @param readRequiresToken    when true, reads under /api, /ogc and /tiles need a valid token (analyst and up)
 * @param writeRatePerMinute   writes one token may make per minute (token bucket, bursts up to this many)
 * @param corsOrigins          origins allowed to call the API from a browser; empty means CORS is off
 * @param authCacheSeconds     how long a resolved token is remembered before the database is asked again
 * @param basemapTileOrigins   https origins the map page may load online basemap tiles from (the
 *                             Content-Security-Policy's {@code img-src} lists them); empty means none
 * @param progressThreads      threads that compute area figures cluster by cluster (0: the number of available processors)
 */
public record Config(
        String host,
        int port,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int dbPoolSize,
        int statementTimeoutMs,
        long maxBodyBytes,
        int maxFeaturesPerPage,
        String logLevel,
        int maxFeaturesPerUpload,
        int maxVerticesPerFeature,
        long maxUnzippedBytes,
        int ogrTimeoutSeconds,
        java.time.LocalDate uploadEarliestDate,
        int tileCacheMaxAgeS,
        int tileMinZoom,
        int tileMaxZoom,
        long tileCacheMaxBytes,
        double sliverToleranceM,
        int rateYears,
        boolean readRequiresToken,
        int writeRatePerMinute,
        List<String> corsOrigins,
        int authCacheSeconds,
        List<String> basemapTileOrigins,
        int progressThreads) {

    public Config {
        corsOrigins = List.copyOf(corsOrigins);
        basemapTileOrigins = List.copyOf(basemapTileOrigins);
    }

    /** The defaults: the private local cluster the README's first command creates. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        var d = new LinkedHashMap<String, String>();
        d.put("HOST", "127.0.0.1");
        d.put("PORT", "7070");
        d.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:55432/clearance");
        d.put("DATABASE_USER", "clearance");
        d.put("DATABASE_PASSWORD", "clearance");
        d.put("DB_POOL_SIZE", "10");
        d.put("DB_STATEMENT_TIMEOUT_MS", "30000");
        d.put("MAX_BODY_BYTES", String.valueOf(200L * 1024 * 1024));
        d.put("MAX_FEATURES_PER_PAGE", "5000");
        d.put("LOG_LEVEL", "info");
        d.put("MAX_FEATURES_PER_UPLOAD", "200000");
        d.put("MAX_VERTICES_PER_FEATURE", "100000");
        d.put("MAX_UNZIPPED_BYTES", String.valueOf(1024L * 1024 * 1024));
        d.put("OGR_TIMEOUT_SECONDS", "300");
        d.put("UPLOAD_EARLIEST_DATE", "1990-01-01");
        d.put("TILE_CACHE_MAX_AGE_S", "60");
        d.put("TILE_MIN_ZOOM", "0");
        d.put("TILE_MAX_ZOOM", "22");
        d.put("TILE_CACHE_MAX_BYTES", String.valueOf(64L * 1024 * 1024));
        d.put("SLIVER_TOLERANCE_M", "0.5");
        d.put("PROGRESS_RATE_YEARS", "3");
        d.put("READ_REQUIRES_TOKEN", "false");
        d.put("WRITE_RATE_PER_MINUTE", "120");
        d.put("CORS_ORIGINS", "");
        d.put("AUTH_CACHE_SECONDS", "30");
        d.put("BASEMAP_TILE_ORIGINS", "");
        d.put("PROGRESS_THREADS", "0");
        return Map.copyOf(d);
    }

    /** Reads the configuration from the process environment. */
    public static Config fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Reads the configuration from the given variables, falling back to {@link #DEFAULTS}.
     *
     * @throws ConfigException naming every variable that is malformed or out of range
     */
    public static Config fromEnv(Map<String, String> env) {
        var reader = new Reader(env);
        var config = new Config(
                reader.string("HOST", s -> s.isBlank() ? "must not be empty" : null),
                reader.integer("PORT", 0, 65535),
                reader.string("DATABASE_URL", Config::checkJdbcUrl),
                reader.string("DATABASE_USER", s -> s.isBlank() ? "must not be empty" : null),
                reader.string("DATABASE_PASSWORD", s -> null),
                reader.integer("DB_POOL_SIZE", 1, 200),
                reader.integer("DB_STATEMENT_TIMEOUT_MS", 100, 3_600_000),
                reader.longInteger("MAX_BODY_BYTES", 1024, 4L * 1024 * 1024 * 1024),
                reader.integer("MAX_FEATURES_PER_PAGE", 1, 100_000),
                reader.string("LOG_LEVEL", s -> s.matches("(?i)trace|debug|info|warn|error|off")
                        ? null : "must be one of trace, debug, info, warn, error, off"),
                reader.integer("MAX_FEATURES_PER_UPLOAD", 1, 10_000_000),
                reader.integer("MAX_VERTICES_PER_FEATURE", 4, 10_000_000),
                reader.longInteger("MAX_UNZIPPED_BYTES", 1024, 64L * 1024 * 1024 * 1024),
                reader.integer("OGR_TIMEOUT_SECONDS", 1, 3600),
                reader.date("UPLOAD_EARLIEST_DATE", java.time.LocalDate.of(1900, 1, 1)),
                reader.integer("TILE_CACHE_MAX_AGE_S", 0, 31_536_000),
                reader.integer("TILE_MIN_ZOOM", 0, 30),
                reader.integer("TILE_MAX_ZOOM", 0, 30),
                reader.longInteger("TILE_CACHE_MAX_BYTES", 0, 16L * 1024 * 1024 * 1024),
                reader.decimal("SLIVER_TOLERANCE_M", 0, 100),
                reader.integer("PROGRESS_RATE_YEARS", 1, 20),
                reader.bool("READ_REQUIRES_TOKEN"),
                reader.integer("WRITE_RATE_PER_MINUTE", 1, 1_000_000),
                reader.origins("CORS_ORIGINS"),
                reader.integer("AUTH_CACHE_SECONDS", 0, 3600),
                reader.httpsOrigins("BASEMAP_TILE_ORIGINS"),
                reader.integer("PROGRESS_THREADS", 0, 256));
        if (config.tileMinZoom() > config.tileMaxZoom()) {
            reader.problems.add("TILE_MIN_ZOOM must not exceed TILE_MAX_ZOOM (got " + config.tileMinZoom()
                    + " > " + config.tileMaxZoom() + ")");
        }
        if (!reader.problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", reader.problems));
        }
        return config;
    }

    private static String checkJdbcUrl(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            return "must be a JDBC PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/clearance";
        }
        try {
            URI.create(url.substring("jdbc:".length()));
            return null;
        } catch (IllegalArgumentException e) {
            return "is not a valid URL: " + e.getMessage();
        }
    }

    /** The effective settings for the start-up log line, with the password masked. */
    public Map<String, Object> describe() {
        var d = new LinkedHashMap<String, Object>();
        d.put("HOST", host);
        d.put("PORT", port);
        d.put("DATABASE_URL", databaseUrl);
        d.put("DATABASE_USER", databaseUser);
        d.put("DATABASE_PASSWORD", databasePassword.isEmpty() ? "(empty)" : "****");
        d.put("DB_POOL_SIZE", dbPoolSize);
        d.put("DB_STATEMENT_TIMEOUT_MS", statementTimeoutMs);
        d.put("MAX_BODY_BYTES", maxBodyBytes);
        d.put("MAX_FEATURES_PER_PAGE", maxFeaturesPerPage);
        d.put("LOG_LEVEL", logLevel);
        d.put("MAX_FEATURES_PER_UPLOAD", maxFeaturesPerUpload);
        d.put("MAX_VERTICES_PER_FEATURE", maxVerticesPerFeature);
        d.put("MAX_UNZIPPED_BYTES", maxUnzippedBytes);
        d.put("OGR_TIMEOUT_SECONDS", ogrTimeoutSeconds);
        d.put("UPLOAD_EARLIEST_DATE", uploadEarliestDate);
        d.put("TILE_CACHE_MAX_AGE_S", tileCacheMaxAgeS);
        d.put("TILE_MIN_ZOOM", tileMinZoom);
        d.put("TILE_MAX_ZOOM", tileMaxZoom);
        d.put("TILE_CACHE_MAX_BYTES", tileCacheMaxBytes);
        d.put("SLIVER_TOLERANCE_M", sliverToleranceM);
        d.put("PROGRESS_RATE_YEARS", rateYears);
        d.put("READ_REQUIRES_TOKEN", readRequiresToken);
        d.put("WRITE_RATE_PER_MINUTE", writeRatePerMinute);
        d.put("CORS_ORIGINS", corsOrigins.isEmpty() ? "(CORS off)" : String.join(",", corsOrigins));
        d.put("AUTH_CACHE_SECONDS", authCacheSeconds);
        d.put("BASEMAP_TILE_ORIGINS", basemapTileOrigins.isEmpty() ? "(none: offline basemap only)"
                : String.join(",", basemapTileOrigins));
        d.put("PROGRESS_THREADS", progressThreads == 0 ? progressThreadCount() + " (available processors)" : progressThreads);
        return d;
    }

    /** A copy with another port (tests start servers on a free port). */
    public Config withPort(int newPort) {
        return with(Map.of("port", newPort));
    }

    /** A copy pointing at another database. */
    /** The threads that compute area figures: {@code PROGRESS_THREADS}, or the number of available processors when 0. */
    public int progressThreadCount() {
        return progressThreads > 0 ? progressThreads : Runtime.getRuntime().availableProcessors();
    }

    public Config withDatabase(String url, String user, String password) {
        return with(Map.of("databaseUrl", url, "databaseUser", user, "databasePassword", password));
    }

    /** A copy with the named components replaced (names as in the record header). */
    public Config with(Map<String, Object> changes) {
        RecordComponent[] components = Config.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = changes.containsKey(components[i].getName())
                        ? changes.get(components[i].getName())
                        : components[i].getAccessor().invoke(this);
            }
            return Config.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot copy the configuration with " + changes.keySet(), e);
        }
    }

    /** Thrown when the environment holds a setting the server cannot run with. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        private String raw(String name) {
            String value = env.get(name);
            return value == null || value.isEmpty() ? DEFAULTS.get(name) : value.trim();
        }

        String string(String name, Function<String, String> check) {
            String value = raw(name);
            String problem = check.apply(value);
            if (problem != null) {
                problems.add(name + " " + problem + " (got '" + value + "')");
            }
            return value;
        }

        boolean bool(String name) {
            String value = raw(name);
            if (!value.matches("(?i)true|false")) {
                problems.add(name + " must be true or false (got '" + value + "')");
                return false;
            }
            return Boolean.parseBoolean(value);
        }

        /** A comma-separated list of origins such as https://example.org; empty means none. */
        List<String> origins(String name) {
            return originList(name, "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                    "origins such as https://example.org or http://localhost:8080, separated by commas");
        }

        /** A date YYYY-MM-DD, not before {@code min}. */
        java.time.LocalDate date(String name, java.time.LocalDate min) {
            String value = raw(name);
            try {
                java.time.LocalDate d = java.time.LocalDate.parse(value);
                if (d.isBefore(min)) {
                    problems.add(name + " must not be before " + min + " (got " + value + ")");
                }
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(name + " must be a date YYYY-MM-DD (got '" + value + "')");
                return min;
            }
        }

        /**
         * A comma-separated list of https origins such as https://tile.example.org (a host, an
         * optional port, no path); a leading {@code *.} allows the subdomains of one host, as
         * CSP source expressions do (tile servers often spread over a.-, b.- and c.-). Empty means none.
         */
        List<String> httpsOrigins(String name) {
            return originList(name, "https://(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?",
                    "https origins such as https://tile.example.org or https://*.tile.example.org, separated by "
                            + "commas, without a path");
        }

        /** The comma-separated origins matching {@code pattern}, lower-cased and without repeats. */
        private List<String> originList(String name, String pattern, String expected) {
            List<String> origins = new ArrayList<>();
            for (String part : raw(name).split(",")) {
                String origin = part.trim();
                if (origin.isEmpty()) {
                    continue;
                }
                if (!origin.matches(pattern)) {
                    problems.add(name + " must list " + expected + " (got '" + origin + "')");
                } else if (!origins.contains(origin.toLowerCase(java.util.Locale.ROOT))) {
                    origins.add(origin.toLowerCase(java.util.Locale.ROOT));
                }
            }
            return origins;
        }

        int integer(String name, int min, int max) {
            return (int) longInteger(name, min, max);
        }

        double decimal(String name, double min, double max) {
            String value = raw(name);
            try {
                double x = Double.parseDouble(value);
                if (!(x >= min && x <= max)) {
                    problems.add(name + " must be between " + min + " and " + max + " (got " + value + ")");
                }
                return x;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a number (got '" + value + "')");
                return min;
            }
        }

        long longInteger(String name, long min, long max) {
            String value = raw(name);
            try {
                long n = Long.parseLong(value);
                if (n < min || n > max) {
                    problems.add(name + " must be between " + min + " and " + max + " (got " + value + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a whole number (got '" + value + "')");
                return min;
            }
        }
    }
}
