package org.clearancemap.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of the server, read once from the environment.
 *
 * <p>Each setting is declared once below, as a {@link Setting}: its variable, default, allowed
 * values and meaning. {@link #fromEnv(Map)} reads them all and fails with one message naming each
 * bad variable, so a misconfigured server never starts half-way; {@link #describe()} gives the
 * effective settings for the start-up log, secrets masked; {@link #settingsTable()} gives the
 * table of {@code docs/SETTINGS.md} ({@code java -jar clearance-map.jar settings} prints it).
 * The typed accessors below are how the rest of the server reads a setting.
 */
public final class Config {
    /** The declarations in order; filled by {@link #declare} while the class initialises, then frozen in {@link #SETTINGS}. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    // the server
    private static final Setting<String> HOST = declare(Setting.nonEmpty("HOST", "127.0.0.1",
            "address the HTTP server binds to (`0.0.0.0` in Docker)"));
    private static final Setting<Integer> PORT = declare(Setting.integer("PORT", 7070, 0, 65535,
            "HTTP port"));
    private static final Setting<String> LOG_LEVEL = declare(Setting.oneOf("LOG_LEVEL", "info",
            "log level of the server's own loggers, applied at start (library loggers stay at `warn`, see "
                    + "`src/main/resources/simplelogger.properties`)",
            "trace", "debug", "info", "warn", "error", "off"));

    // the database
    private static final Setting<String> DATABASE_URL = declare(Setting.jdbcUrl("DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:55432/clearance", "JDBC URL of the PostGIS database"));
    private static final Setting<String> DATABASE_USER = declare(Setting.nonEmpty("DATABASE_USER", "clearance",
            "database role"));
    private static final Setting<String> DATABASE_PASSWORD = declare(Setting.text("DATABASE_PASSWORD", "clearance",
            "any text", "the database role's password (masked in the start-up log)", s -> null).secret());
    private static final Setting<String> DATABASE_READ_URL = declare(Setting.text("DATABASE_READ_URL", "",
            "empty, or a `jdbc:postgresql://` URL",
            "JDBC URL of a hot standby of `DATABASE_URL` (streaming replication), same role and password, with a "
                    + "pool of its own (`DB_POOL_SIZE`): map layers, OGC, tiles, reports and the geometry the figures "
                    + "are computed from are read there; writes, uploads, migrations and the notice listener stay on "
                    + "`DATABASE_URL`. After a write, reads go to `DATABASE_URL` until the standby has replayed it; "
                    + "while the standby is unreachable they go there too; while `DATABASE_URL` is unreachable they "
                    + "stay on the standby. Empty: every read goes to `DATABASE_URL`",
            url -> url.isEmpty() || url.startsWith("jdbc:postgresql://") ? null
                    : "must be empty or a JDBC PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5433/clearance"));
    private static final Setting<Integer> STANDBY_LAG_WARN_S = declare(Setting.integer("STANDBY_LAG_WARN_S",
            30, 1, 86_400,
            "replay lag of the standby (`DATABASE_READ_URL`), in seconds, beyond which the server logs a warning "
                    + "(once, and once when it is back under); the lag is in `GET /health` either way"));
    private static final Setting<Integer> DB_POOL_SIZE = declare(Setting.integer("DB_POOL_SIZE", 10, 1, 200,
            "maximum database connections; at most half of them are used by uploads at once (an upload waits "
                    + "up to 60 s for one, then `503` with `Retry-After`), so a burst of uploads never takes the "
                    + "reads' connections"));
    private static final Setting<Integer> DB_STATEMENT_TIMEOUT_MS = declare(Setting.integer("DB_STATEMENT_TIMEOUT_MS",
            30_000, 100, 3_600_000,
            "statement timeout on every connection (uploads set their own 10 min inside their transaction); a "
                    + "statement it cancels answers `503` problem \"Database timeout\" with `Retry-After: 5`, no SQL "
                    + "text. A database that is unreachable or silent answers `503` \"Service unavailable\" with "
                    + "`Retry-After: 5` within the pool's 3 s connection timeout, and the server recovers by itself "
                    + "when it is back"));

    // requests and uploads
    private static final Setting<Long> MAX_BODY_BYTES = declare(Setting.bytes("MAX_BODY_BYTES",
            200L * 1024 * 1024, 1024, 4L * 1024 * 1024 * 1024, "largest request body accepted"));
    private static final Setting<Integer> MAX_FEATURES_PER_PAGE = declare(Setting.integer("MAX_FEATURES_PER_PAGE",
            5000, 1, 100_000, "most features a GeoJSON list endpoint returns at once"));
    private static final Setting<Integer> MAX_FEATURES_PER_UPLOAD = declare(Setting.integer("MAX_FEATURES_PER_UPLOAD",
            200_000, 1, 10_000_000, "most features in one uploaded file (`413` beyond)"));
    private static final Setting<Integer> MAX_VERTICES_PER_FEATURE = declare(Setting.integer(
            "MAX_VERTICES_PER_FEATURE", 100_000, 4, 10_000_000,
            "most vertices in one uploaded feature (`422` for that feature)"));
    private static final Setting<Long> MAX_UNZIPPED_BYTES = declare(Setting.bytes("MAX_UNZIPPED_BYTES",
            1024L * 1024 * 1024, 1024, 64L * 1024 * 1024 * 1024,
            "most bytes an uploaded zip (Shapefile set, KMZ) may unpack to"));
    private static final Setting<Integer> OGR_TIMEOUT_SECONDS = declare(Setting.integer("OGR_TIMEOUT_SECONDS",
            300, 1, 3600, "longest a GDAL conversion of an upload may run, in seconds"));
    private static final Setting<LocalDate> UPLOAD_EARLIEST_DATE = declare(Setting.date("UPLOAD_EARLIEST_DATE",
            LocalDate.of(1990, 1, 1), LocalDate.of(1900, 1, 1),
            "earliest `recorded_on` / `completed_on` an upload may carry (earlier ones are typing mistakes: "
                    + "`date-too-early`)"));

    // vector tiles
    private static final Setting<Integer> TILE_CACHE_MAX_AGE_S = declare(Setting.integer("TILE_CACHE_MAX_AGE_S",
            60, 0, 31_536_000,
            "`Cache-Control: max-age` of vector tiles fetched without a data version, in seconds; short, so a "
                    + "tile is never stale for long after an upload"));
    private static final Setting<Integer> TILE_MIN_ZOOM = declare(Setting.integer("TILE_MIN_ZOOM", 0, 0, 30,
            "lowest zoom level served as vector tiles"));
    private static final Setting<Integer> TILE_MAX_ZOOM = declare(Setting.integer("TILE_MAX_ZOOM", 22, 0, 30,
            "highest zoom level served as vector tiles; at least `TILE_MIN_ZOOM`"));
    private static final Setting<Long> TILE_CACHE_MAX_BYTES = declare(Setting.bytes("TILE_CACHE_MAX_BYTES",
            64L * 1024 * 1024, 0, 16L * 1024 * 1024 * 1024,
            "memory for recently served vector tiles, ready to send (`0`: no cache)"));

    // area figures
    private static final Setting<Double> SLIVER_TOLERANCE_M = declare(Setting.decimal("SLIVER_TOLERANCE_M",
            0.5, 0, 100,
            "remaining pieces that an inward buffer of this many metres erases entirely (GPS-jitter slivers a "
                    + "release left) do not count as remaining; `0` keeps everything"));
    private static final Setting<Integer> PROGRESS_RATE_YEARS = declare(Setting.integer("PROGRESS_RATE_YEARS",
            3, 1, 20, "complete years the annual release rate is averaged over"));
    private static final Setting<Integer> PROGRESS_THREADS = declare(Setting.integer("PROGRESS_THREADS", 0, 0, 256,
            "threads that compute the area figures cluster by cluster (all States Parties' figures, yearly "
                    + "balances, the warm-up at start); `0` means the number of available processors, `1` "
                    + "computes sequentially. The figures are bit-for-bit the same for any number")
            .shownAs(n -> n == 0 ? availableProcessors() + " (available processors)" : n));

    // the analysis of an extension request (GET .../extension-requests/{id}/analysis)
    private static final Setting<Double> ANALYSIS_STATED_TOLERANCE_PERCENT = declare(Setting.decimal(
            "ANALYSIS_STATED_TOLERANCE_PERCENT", 1, 0, 100,
            "check `stated-figures-consistent`: how far (d) − (e) may differ from (f), in % of (d), before it fails"));
    private static final Setting<Double> ANALYSIS_MAPPED_TOLERANCE_PERCENT = declare(Setting.decimal(
            "ANALYSIS_MAPPED_TOLERANCE_PERCENT", 10, 0, 100,
            "check `stated-vs-mapped`: how far a stated figure may differ from the mapped one on the submission date, "
                    + "in % of the larger of the two, before it fails"));
    private static final Setting<Double> ANALYSIS_REPORTED_TOLERANCE_PERCENT = declare(Setting.decimal(
            "ANALYSIS_REPORTED_TOLERANCE_PERCENT", 10, 0, 100,
            "check `stated-vs-reported`: how far the stated remaining area may differ from the latest reported one, "
                    + "in % of the larger of the two, before it fails"));
    private static final Setting<Double> ANALYSIS_PLAN_COVERAGE_TOLERANCE_PERCENT = declare(Setting.decimal(
            "ANALYSIS_PLAN_COVERAGE_TOLERANCE_PERCENT", 1, 0, 100,
            "check `work-plan-covers-remaining`: how much of the remaining area, in %, the plan may leave out and pass"));
    private static final Setting<Double> ANALYSIS_PACE_FACTOR = declare(Setting.decimal("ANALYSIS_PACE_FACTOR",
            1.5, 1, 100,
            "check `work-plan-pace-plausible`: a planned year above the best yearly release ever mapped warns, above "
                    + "this many times it fails"));
    private static final Setting<Double> ANALYSIS_FUNDING_GAP_TOLERANCE_PERCENT = declare(Setting.decimal(
            "ANALYSIS_FUNDING_GAP_TOLERANCE_PERCENT", 5, 0, 100,
            "check `funding-gap`: the part of the budget needed, in %, that may lack secured or disbursed money and pass"));
    private static final Setting<Double> ANALYSIS_MILESTONE_TOLERANCE_PERCENT = declare(Setting.decimal(
            "ANALYSIS_MILESTONE_TOLERANCE_PERCENT", 10, 0, 100,
            "check `previous-milestones`: how far, in %, the area released in a year of the previous plan may fall "
                    + "short of the planned area and still meet it"));
    // Lausanne Action Plan measures
    private static final Setting<Double> LAP_REPORTED_TOLERANCE_PERCENT = declare(Setting.decimal(
            "LAP_REPORTED_TOLERANCE_PERCENT", 10, 0, 100,
            "measure `reported-within-tolerance-of-mapped`: how far the latest reported remaining area may differ "
                    + "from the mapped remaining area at the year end, in % of the mapped one, and be met"));

    // access
    private static final Setting<Boolean> READ_REQUIRES_TOKEN = declare(Setting.bool("READ_REQUIRES_TOKEN", false,
            "`true`: reads under `/api`, `/ogc` and `/tiles` need a valid token (any role); `/health` and the "
                    + "page shell stay open"));
    private static final Setting<Integer> WRITE_RATE_PER_MINUTE = declare(Setting.integer("WRITE_RATE_PER_MINUTE",
            120, 1, 1_000_000,
            "writes one token may make per minute (token bucket: bursts up to this many); beyond it `429` "
                    + "with `Retry-After`"));
    private static final Setting<Integer> AUTH_CACHE_SECONDS = declare(Setting.integer("AUTH_CACHE_SECONDS",
            30, 0, 3600,
            "how long a resolved token is remembered (`0`: ask the database every request); revocations are "
                    + "heard at once, this bounds only a revocation made while the server's listening connection "
                    + "was down"));
    private static final Setting<List<String>> CORS_ORIGINS = declare(Setting.origins("CORS_ORIGINS",
            "origins allowed to call the API from a browser, e.g. `https://maps.example.org,http://localhost:8080`; "
                    + "empty: CORS off",
            "(CORS off)"));
    private static final Setting<List<String>> BASEMAP_TILE_ORIGINS = declare(Setting.httpsOrigins(
            "BASEMAP_TILE_ORIGINS",
            "origins the map page may load online basemap tiles from, e.g. "
                    + "`https://tile.example.org,https://*.tiles.example.net` (`*.` allows subdomains); added to the "
                    + "Content-Security-Policy's `img-src` and to `GET /page-settings`, nothing else; empty: no "
                    + "online basemap",
            "(none: offline basemap only)"));

    /** Every setting, in the order of the documentation and the start-up log. */
    private static final List<Setting<?>> SETTINGS = List.copyOf(DECLARED);

    private final Map<Setting<?>, Object> values;

    private Config(Map<Setting<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    private static <T> Setting<T> declare(Setting<T> setting) {
        DECLARED.add(setting);
        return setting;
    }

    /** Reads the configuration from the process environment. */
    public static Config fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Reads the configuration from the given variables, falling back to each setting's default.
     *
     * @throws ConfigException naming every variable that is malformed or out of range
     */
    public static Config fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        var values = new LinkedHashMap<Setting<?>, Object>();
        for (Setting<?> setting : SETTINGS) {
            values.put(setting, setting.read(env, problems));
        }
        Config config = new Config(values);
        if (config.tileMinZoom() > config.tileMaxZoom()) {
            problems.add("TILE_MIN_ZOOM must not exceed TILE_MAX_ZOOM (got " + config.tileMinZoom()
                    + " > " + config.tileMaxZoom() + ")");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return config;
    }

    /**
     * {@code LOG_LEVEL} lower-cased, read before any logger exists; null when the variable is unset
     * or not a level (the default then applies, and {@link #fromEnv(Map)} reports a bad value).
     */
    public static String logLevelSetIn(Map<String, String> env) {
        String set = env.get(LOG_LEVEL.name());
        if (set == null || set.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String level = LOG_LEVEL.read(env, problems);
        return problems.isEmpty() ? level.toLowerCase(Locale.ROOT) : null;
    }

    /** The effective settings for the start-up log line, secrets masked. */
    public Map<String, Object> describe() {
        var shown = new LinkedHashMap<String, Object>();
        for (Setting<?> setting : SETTINGS) {
            shown.put(setting.name(), setting.show(values.get(setting)));
        }
        return shown;
    }

    /** The Markdown of {@code docs/SETTINGS.md}: every setting with its default, allowed values and meaning. */
    public static String settingsTable() {
        var md = new StringBuilder("""
                # Settings

                <!-- Generated from the declarations in src/main/java/org/clearancemap/config/Config.java: do not edit.
                     Regenerate with: java -jar target/clearance-map.jar settings > docs/SETTINGS.md -->

                All settings come from environment variables; each has a default, so a local server needs
                none. An unset or empty variable takes the default. Bad values stop the server at start with
                one message naming each bad variable. The effective settings are logged at start, the
                password masked.

                | variable | default | allowed | meaning |
                |---|---|---|---|
                """);
        for (Setting<?> setting : SETTINGS) {
            md.append(setting.markdownRow()).append('\n');
        }
        return md.toString();
    }

    /** A copy with another port (tests start servers on a free port). */
    public Config withPort(int newPort) {
        return with(Map.<Setting<?>, Object>of(PORT, newPort));
    }

    /** A copy pointing at another database. */
    public Config withDatabase(String url, String user, String password) {
        return with(Map.<Setting<?>, Object>of(DATABASE_URL, url, DATABASE_USER, user, DATABASE_PASSWORD, password));
    }

    private Config with(Map<Setting<?>, Object> changes) {
        var copy = new LinkedHashMap<>(values);
        copy.putAll(changes);
        return new Config(copy);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    private static int availableProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code HOST}. */
    public String host() {
        return get(HOST);
    }

    /** {@code PORT}. */
    public int port() {
        return get(PORT);
    }

    /** {@code LOG_LEVEL} (applied by {@code Main} at start). */
    public String logLevel() {
        return get(LOG_LEVEL);
    }

    /** {@code DATABASE_URL}. */
    public String databaseUrl() {
        return get(DATABASE_URL);
    }

    /** {@code DATABASE_USER}. */
    public String databaseUser() {
        return get(DATABASE_USER);
    }

    /** {@code DATABASE_PASSWORD}. */
    public String databasePassword() {
        return get(DATABASE_PASSWORD);
    }

    /** {@code DATABASE_READ_URL}: the standby's JDBC URL, or empty when reads go to {@code DATABASE_URL}. */
    public String databaseReadUrl() {
        return get(DATABASE_READ_URL);
    }

    /** {@code STANDBY_LAG_WARN_S}. */
    public int standbyLagWarnS() {
        return get(STANDBY_LAG_WARN_S);
    }

    /** A copy that reads from a standby at {@code readUrl} (empty: from {@code DATABASE_URL}). */
    public Config withReadDatabase(String readUrl) {
        return with(Map.<Setting<?>, Object>of(DATABASE_READ_URL, readUrl));
    }

    /** {@code DB_POOL_SIZE}. */
    public int dbPoolSize() {
        return get(DB_POOL_SIZE);
    }

    /** {@code DB_STATEMENT_TIMEOUT_MS}. */
    public int statementTimeoutMs() {
        return get(DB_STATEMENT_TIMEOUT_MS);
    }

    /** {@code MAX_BODY_BYTES}. */
    public long maxBodyBytes() {
        return get(MAX_BODY_BYTES);
    }

    /** {@code MAX_FEATURES_PER_PAGE}. */
    public int maxFeaturesPerPage() {
        return get(MAX_FEATURES_PER_PAGE);
    }

    /** {@code MAX_FEATURES_PER_UPLOAD}. */
    public int maxFeaturesPerUpload() {
        return get(MAX_FEATURES_PER_UPLOAD);
    }

    /** {@code MAX_VERTICES_PER_FEATURE}. */
    public int maxVerticesPerFeature() {
        return get(MAX_VERTICES_PER_FEATURE);
    }

    /** {@code MAX_UNZIPPED_BYTES}. */
    public long maxUnzippedBytes() {
        return get(MAX_UNZIPPED_BYTES);
    }

    /** {@code OGR_TIMEOUT_SECONDS}. */
    public int ogrTimeoutSeconds() {
        return get(OGR_TIMEOUT_SECONDS);
    }

    /** {@code UPLOAD_EARLIEST_DATE}. */
    public LocalDate uploadEarliestDate() {
        return get(UPLOAD_EARLIEST_DATE);
    }

    /** {@code TILE_CACHE_MAX_AGE_S}. */
    public int tileCacheMaxAgeS() {
        return get(TILE_CACHE_MAX_AGE_S);
    }

    /** {@code TILE_MIN_ZOOM}. */
    public int tileMinZoom() {
        return get(TILE_MIN_ZOOM);
    }

    /** {@code TILE_MAX_ZOOM}. */
    public int tileMaxZoom() {
        return get(TILE_MAX_ZOOM);
    }

    /** {@code TILE_CACHE_MAX_BYTES}. */
    public long tileCacheMaxBytes() {
        return get(TILE_CACHE_MAX_BYTES);
    }

    /** {@code SLIVER_TOLERANCE_M}. */
    public double sliverToleranceM() {
        return get(SLIVER_TOLERANCE_M);
    }

    /** {@code LAP_REPORTED_TOLERANCE_PERCENT}. */
    public double lapReportedTolerancePercent() {
        return get(LAP_REPORTED_TOLERANCE_PERCENT);
    }

    /** {@code PROGRESS_RATE_YEARS}. */
    public int rateYears() {
        return get(PROGRESS_RATE_YEARS);
    }

    /** {@code PROGRESS_THREADS} as set (0: the number of available processors); see {@link #progressThreadCount()}. */
    public int progressThreads() {
        return get(PROGRESS_THREADS);
    }

    /** The threads that compute area figures: {@code PROGRESS_THREADS}, or the number of available processors when 0. */
    public int progressThreadCount() {
        return progressThreads() > 0 ? progressThreads() : availableProcessors();
    }

    /** The tolerances of the analysis of an extension request, by setting name ({@code ANALYSIS_...}). */
    public Map<String, Double> analysisTolerances() {
        var m = new LinkedHashMap<String, Double>();
        for (Setting<Double> s : List.of(ANALYSIS_STATED_TOLERANCE_PERCENT, ANALYSIS_MAPPED_TOLERANCE_PERCENT,
                ANALYSIS_REPORTED_TOLERANCE_PERCENT, ANALYSIS_PLAN_COVERAGE_TOLERANCE_PERCENT, ANALYSIS_PACE_FACTOR,
                ANALYSIS_FUNDING_GAP_TOLERANCE_PERCENT, ANALYSIS_MILESTONE_TOLERANCE_PERCENT)) {
            m.put(s.name(), get(s));
        }
        return m;
    }

    /** {@code READ_REQUIRES_TOKEN}. */
    public boolean readRequiresToken() {
        return get(READ_REQUIRES_TOKEN);
    }

    /** {@code WRITE_RATE_PER_MINUTE}. */
    public int writeRatePerMinute() {
        return get(WRITE_RATE_PER_MINUTE);
    }

    /** {@code AUTH_CACHE_SECONDS}. */
    public int authCacheSeconds() {
        return get(AUTH_CACHE_SECONDS);
    }

    /** {@code CORS_ORIGINS}, lower-cased, without repeats; empty means CORS is off. */
    public List<String> corsOrigins() {
        return get(CORS_ORIGINS);
    }

    /** {@code BASEMAP_TILE_ORIGINS}, lower-cased, without repeats; empty means none. */
    public List<String> basemapTileOrigins() {
        return get(BASEMAP_TILE_ORIGINS);
    }

    /** Thrown when the environment holds a setting the server cannot run with. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
