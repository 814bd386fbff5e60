package org.clearancemap.ogc;

import java.util.List;
import java.util.Locale;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * A query parameter of {@code /items} that keeps the features whose property equals a value. The
 * parameter is named after the feature property; the column is fixed here, never taken from the
 * request.
 */
public enum PropertyFilter {
    STATE_PARTY("state_party", "iso3", "ISO 3166-1 alpha-3 code of the State Party, e.g. LAO", List.of()),
    CLASSIFICATION("classification", "classification", "SHA (suspected) or CHA (confirmed)", List.of("SHA", "CHA")),
    METHOD("method", "method", "How the land was released", List.of("cancelled", "reduced", "cleared")),
    EXTERNAL_ID("external_id", "external_id", "The identifier the operator gave the feature", List.of());

    private final String parameter;
    private final String column;
    private final String description;
    private final List<String> allowed;

    PropertyFilter(String parameter, String column, String description, List<String> allowed) {
        this.parameter = parameter;
        this.column = column;
        this.description = description;
        this.allowed = allowed;
    }

    public String parameter() {
        return parameter;
    }

    /** The column compared, a constant of this class. */
    String column() {
        return column;
    }

    public String description() {
        return description;
    }

    /** The values accepted, or empty when any text is. */
    public List<String> allowed() {
        return allowed;
    }

    /** The value to compare with, checked; 400 naming the parameter when it cannot match anything. */
    public String parse(String raw) {
        if (this == STATE_PARTY) {
            return Params.iso3(raw, parameter);
        }
        if (this == CLASSIFICATION) {
            raw = raw.toUpperCase(Locale.ROOT);
        } else if (this == METHOD) {
            raw = raw.toLowerCase(Locale.ROOT);
        }
        if (!allowed.isEmpty() && !allowed.contains(raw)) {
            throw ApiException.BadRequest.parameter(parameter, parameter + " must be one of " + String.join(", ", allowed)
                    + " (got '" + Params.abbreviate(raw) + "').");
        }
        if (raw.isEmpty() || raw.length() > 200) {
            throw ApiException.BadRequest.parameter(parameter, parameter + " must have 1 to 200 characters.");
        }
        return raw;
    }
}
