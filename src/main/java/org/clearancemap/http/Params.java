package org.clearancemap.http;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsing of query and path parameters into domain values, with a 400 that names the parameter. */
public final class Params {
    private Params() {
    }

    /** An ISO 3166-1 alpha-3 code, upper-cased; 400 when it is not three letters. */
    public static String iso3(String raw, String name) {
        if (raw == null || !raw.matches("[A-Za-z]{3}")) {
            throw ApiException.BadRequest.parameter(name,
                    name + " must be an ISO 3166-1 alpha-3 code such as LAO (got '" + abbreviate(raw) + "').");
        }
        return raw.toUpperCase(Locale.ROOT);
    }

    /** An optional ISO date {@code YYYY-MM-DD}; the fallback when absent. */
    public static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            LocalDate date = LocalDate.parse(raw.trim());
            if (date.getYear() < 1900 || date.getYear() > 2200) {
                throw ApiException.BadRequest.parameter(name, name + " must be a date between 1900 and 2200 (got " + raw + ").");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ApiException.BadRequest.parameter(name,
                    name + " must be a date in the form YYYY-MM-DD (got '" + abbreviate(raw) + "').");
        }
    }

    /**
     * An optional bounding box {@code minLon,minLat,maxLon,maxLat} in WGS 84; null when absent.
     * minLon may exceed maxLon for a box that crosses the antimeridian.
     */
    public static double[] bbox(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.split(",");
        if (parts.length != 4) {
            throw ApiException.BadRequest.parameter(name,
                    name + " must be four numbers minLon,minLat,maxLon,maxLat (got '" + abbreviate(raw) + "').");
        }
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                box[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.BadRequest.parameter(name,
                        name + " value " + (i + 1) + " is not a number (got '" + abbreviate(parts[i]) + "').");
            }
            if (!Double.isFinite(box[i])) {
                throw ApiException.BadRequest.parameter(name, name + " values must be finite numbers.");
            }
        }
        if (box[0] < -180 || box[2] > 180 || box[0] > 180 || box[2] < -180) {
            throw ApiException.BadRequest.parameter(name, name + " longitudes must lie in [-180, 180].");
        }
        if (box[1] < -90 || box[3] > 90 || box[1] > box[3]) {
            throw ApiException.BadRequest.parameter(name,
                    name + " latitudes must lie in [-90, 90] with minLat <= maxLat.");
        }
        return box;
    }

    /** Text for an error message: at most 60 characters of what the client sent. */
    public static String abbreviate(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() <= 60 ? raw : raw.substring(0, 57) + "...";
    }
}
