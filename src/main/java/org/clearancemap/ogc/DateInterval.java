package org.clearancemap.ogc;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * The {@code datetime} parameter as a closed range of calendar dates (UTC); a null end is open.
 *
 * <p>Accepted forms (RFC 3339, OGC API – Features 1.0.1 §7.15.4): an instant ({@code 2024-05-01}
 * or {@code 2024-05-01T10:00:00Z}), a closed interval {@code start/end}, and half-open intervals
 * with {@code ..} or an empty string for the open end ({@code ../2024-12-31},
 * {@code 2020-01-01/..}). Our dates are days, so a date-time selects its UTC day.
 *
 * @param start first day included, or null
 * @param end   last day included, or null
 */
public record DateInterval(LocalDate start, LocalDate end) {
    private static final String PARAMETER = "datetime";

    public boolean isInstant() {
        return start != null && start.equals(end);
    }

    /** Parses the parameter; null when absent; 400 naming {@code datetime} when malformed. */
    public static DateInterval parse(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        int slash = text.indexOf('/');
        if (slash < 0) {
            LocalDate day = day(text);
            if (day == null) {
                throw bad(raw, "an instant must not be empty or '..'");
            }
            return new DateInterval(day, day);
        }
        if (text.indexOf('/', slash + 1) >= 0) {
            throw bad(raw, "an interval has one '/'");
        }
        LocalDate start = day(text.substring(0, slash));
        LocalDate end = day(text.substring(slash + 1));
        if (start != null && end != null && start.isAfter(end)) {
            throw bad(raw, "the start is after the end");
        }
        return new DateInterval(start, end);
    }

    private static LocalDate day(String part) {
        String p = part.trim();
        if (p.isEmpty() || p.equals("..")) {
            return null;
        }
        try {
            LocalDate date = p.length() == 10 ? LocalDate.parse(p)
                    : OffsetDateTime.parse(p).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            if (date.getYear() < 1900 || date.getYear() > 2200) {
                throw bad(part, "dates must lie between 1900 and 2200");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw bad(part, "'" + Params.abbreviate(p) + "' is not an RFC 3339 date (2024-05-01) or date-time (2024-05-01T10:00:00Z)");
        }
    }

    private static ApiException bad(String raw, String why) {
        return ApiException.BadRequest.parameter(PARAMETER, PARAMETER + " must be an instant or an interval such as "
                + "2020-01-01/2024-12-31, ../2024-12-31 or 2020-01-01/..: " + why + " (got '" + Params.abbreviate(raw) + "').");
    }
}
