package org.clearancemap.config;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One setting of the server: its environment variable, its default, the values it allows, what it
 * means, how it is read and how the start-up log shows it. {@link Config} declares every setting
 * once with these; reading the environment, the start-up log and the settings table of the
 * documentation all come from the declarations.
 *
 * <p>Rules: an unset or empty variable takes the default; a set value is trimmed. A value that
 * cannot be read is reported as {@code NAME must ... (got ...)} and the reading goes on, so that one
 * message names every bad variable. A secret is shown as {@code ****} ({@code (empty)} when empty)
 * and never otherwise.
 *
 * @param <T> the type of the value once read
 */
final class Setting<T> {
    /** Reads a trimmed value, reporting each problem as the text that follows the variable's name. */
    @FunctionalInterface
    interface Reading<T> {
        T read(String value, Consumer<String> problems);
    }

    private final String name;
    private final String defaultValue;
    private final String allowed;
    private final String meaning;
    private final String defaultNote;
    private final Reading<T> reading;
    private final Function<T, Object> shown;

    private Setting(String name, String defaultValue, String allowed, String meaning, Reading<T> reading,
            Function<T, Object> shown) {
        this(name, defaultValue, "", allowed, meaning, reading, shown);
    }

    private Setting(String name, String defaultValue, String defaultNote, String allowed, String meaning,
            Reading<T> reading, Function<T, Object> shown) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.defaultNote = defaultNote;
        this.allowed = allowed;
        this.meaning = meaning;
        this.reading = reading;
        this.shown = shown;
    }

    /** The environment variable, e.g. {@code PORT}. */
    String name() {
        return name;
    }

    /** The value taken when the variable is unset or empty, as it would be written in the environment. */
    String defaultValue() {
        return defaultValue;
    }

    /** The values accepted, in words (Markdown). */
    String allowed() {
        return allowed;
    }

    /** What the setting does (Markdown). */
    String meaning() {
        return meaning;
    }

    /** This setting as a row of the Markdown settings table: variable, default, allowed values, meaning. */
    String markdownRow() {
        String shownDefault = defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`" + defaultNote;
        return "| `" + name + "` | " + shownDefault + " | " + cell(allowed) + " | " + cell(meaning) + " |";
    }

    private static String cell(String markdown) {
        return markdown.replace("|", "\\|").replace("\n", " ");
    }

    /** The same setting, shown in the start-up log masked: {@code ****}, or {@code (empty)} when empty. */
    Setting<T> secret() {
        return shownAs(value -> String.valueOf(value).isEmpty() ? "(empty)" : "****");
    }

    /** The same setting, shown in the start-up log as {@code show} gives it. */
    Setting<T> shownAs(Function<T, Object> show) {
        return new Setting<>(name, defaultValue, defaultNote, allowed, meaning, reading, show);
    }

    /** The value in {@code env} (or the default), each problem added to {@code problems} with the name in front. */
    T read(Map<String, String> env, List<String> problems) {
        String value = env.get(name);
        String raw = value == null || value.isEmpty() ? defaultValue : value.trim();
        return reading.read(raw, problem -> problems.add(name + " " + problem));
    }

    /** The value as the start-up log shows it. */
    @SuppressWarnings("unchecked")
    Object show(Object value) {
        return shown.apply((T) value);
    }

    /** Any text that {@code check} accepts; {@code check} gives the problem or null. */
    static Setting<String> text(String name, String defaultValue, String allowed, String meaning,
            Function<String, String> check) {
        return new Setting<>(name, defaultValue, allowed, meaning, (value, problems) -> {
            String problem = check.apply(value);
            if (problem != null) {
                problems.accept(problem + " (got '" + value + "')");
            }
            return value;
        }, value -> value);
    }

    /** Any text but the empty one. */
    static Setting<String> nonEmpty(String name, String defaultValue, String meaning) {
        return text(name, defaultValue, "not empty", meaning, s -> s.isBlank() ? "must not be empty" : null);
    }

    /** One of {@code choices}, in any letter case; the value is kept as written. */
    static Setting<String> oneOf(String name, String defaultValue, String meaning, String... choices) {
        String listed = String.join(", ", choices);
        String pattern = "(?i)" + String.join("|", choices);
        return text(name, defaultValue, "one of " + listed, meaning,
                s -> s.matches(pattern) ? null : "must be one of " + listed);
    }

    /** A JDBC PostgreSQL URL. */
    static Setting<String> jdbcUrl(String name, String defaultValue, String meaning) {
        return text(name, defaultValue, "a `jdbc:postgresql://` URL", meaning, url -> {
            if (!url.startsWith("jdbc:postgresql://")) {
                return "must be a JDBC PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/clearance";
            }
            try {
                URI.create(url.substring("jdbc:".length()));
                return null;
            } catch (IllegalArgumentException e) {
                return "is not a valid URL: " + e.getMessage();
            }
        });
    }

    /** {@code true} or {@code false}, in any letter case. */
    static Setting<Boolean> bool(String name, boolean defaultValue, String meaning) {
        return new Setting<>(name, String.valueOf(defaultValue), "`true` or `false`", meaning, (value, problems) -> {
            if (!value.matches("(?i)true|false")) {
                problems.accept("must be true or false (got '" + value + "')");
                return false;
            }
            return Boolean.parseBoolean(value);
        }, value -> value);
    }

    /** A whole number from {@code min} to {@code max}. */
    static Setting<Integer> integer(String name, int defaultValue, int min, int max, String meaning) {
        Reading<Long> whole = whole(min, max);
        return new Setting<>(name, String.valueOf(defaultValue), min + "–" + max, meaning,
                (value, problems) -> (int) (long) whole.read(value, problems), value -> value);
    }

    /** A number of bytes from {@code min} to {@code max}. */
    static Setting<Long> bytes(String name, long defaultValue, long min, long max, String meaning) {
        return new Setting<>(name, String.valueOf(defaultValue), " (" + binary(defaultValue) + ")",
                min + "–" + max + " (" + binary(min) + "–" + binary(max) + ")", meaning, whole(min, max), value -> value);
    }

    /** A decimal number from {@code min} to {@code max}. */
    static Setting<Double> decimal(String name, double defaultValue, double min, double max, String meaning) {
        return new Setting<>(name, String.valueOf(defaultValue), min + "–" + max, meaning, (value, problems) -> {
            try {
                double x = Double.parseDouble(value);
                if (!(x >= min && x <= max)) {
                    problems.accept("must be between " + min + " and " + max + " (got " + value + ")");
                }
                return x;
            } catch (NumberFormatException e) {
                problems.accept("must be a number (got '" + value + "')");
                return min;
            }
        }, value -> value);
    }

    /** A date {@code YYYY-MM-DD}, not before {@code min}. */
    static Setting<LocalDate> date(String name, LocalDate defaultValue, LocalDate min, String meaning) {
        return new Setting<>(name, defaultValue.toString(), "a date `YYYY-MM-DD`, not before " + min, meaning,
                (value, problems) -> {
                    try {
                        LocalDate d = LocalDate.parse(value);
                        if (d.isBefore(min)) {
                            problems.accept("must not be before " + min + " (got " + value + ")");
                        }
                        return d;
                    } catch (DateTimeParseException e) {
                        problems.accept("must be a date YYYY-MM-DD (got '" + value + "')");
                        return min;
                    }
                }, value -> value);
    }

    /**
     * A comma-separated list of origins such as {@code https://example.org}, lower-cased and
     * without repeats; empty means none, shown as {@code whenNone} in the start-up log.
     */
    static Setting<List<String>> origins(String name, String meaning, String whenNone) {
        return originList(name, "comma-separated `http(s)://host[:port]` origins", meaning, whenNone,
                "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?",
                "origins such as https://example.org or http://localhost:8080, separated by commas");
    }

    /**
     * A comma-separated list of https origins such as {@code https://tile.example.org} (a host, an
     * optional port, no path); a leading {@code *.} allows the subdomains of one host, as CSP source
     * expressions do. Empty means none, shown as {@code whenNone} in the start-up log.
     */
    static Setting<List<String>> httpsOrigins(String name, String meaning, String whenNone) {
        return originList(name, "comma-separated `https://[*.]host[:port]` origins, no path", meaning, whenNone,
                "https://(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?",
                "https origins such as https://tile.example.org or https://*.tile.example.org, separated by "
                        + "commas, without a path");
    }

    private static Setting<List<String>> originList(String name, String allowed, String meaning, String whenNone,
            String pattern, String expected) {
        return new Setting<>(name, "", allowed, meaning, (value, problems) -> {
            List<String> origins = new ArrayList<>();
            for (String part : value.split(",")) {
                String origin = part.trim();
                if (origin.isEmpty()) {
                    continue;
                }
                String lower = origin.toLowerCase(Locale.ROOT);
                if (!origin.matches(pattern)) {
                    problems.accept("must list " + expected + " (got '" + origin + "')");
                } else if (!origins.contains(lower)) {
                    origins.add(lower);
                }
            }
            return List.copyOf(origins);
        }, value -> value.isEmpty() ? whenNone : String.join(",", value));
    }

    private static Reading<Long> whole(long min, long max) {
        return (value, problems) -> {
            try {
                long n = Long.parseLong(value);
                if (n < min || n > max) {
                    problems.accept("must be between " + min + " and " + max + " (got " + value + ")");
                }
                return n;
            } catch (NumberFormatException e) {
                problems.accept("must be a whole number (got '" + value + "')");
                return min;
            }
        };
    }

    /** A number of bytes in the largest binary unit that divides it, e.g. {@code 200 MiB}. */
    static String binary(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + " " + units[unit];
    }
}
