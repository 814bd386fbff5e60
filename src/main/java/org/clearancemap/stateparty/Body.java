package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/** A JSON request body read field by field; a bad field is a 400 naming it. */
final class Body {
    private final JsonNode node;

    private Body(JsonNode node) {
        this.node = node;
    }

    static Body of(Context ctx, ObjectMapper json) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new ApiException.BadRequest("The request needs a JSON object body.");
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ApiException.BadRequest("The body must be a JSON object.");
            }
            return new Body(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.BadRequest.notJson(e);
        }
    }

    JsonNode node() {
        return node;
    }

    private JsonNode field(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.BadRequest.parameter(name, name + " is required.");
            }
            return null;
        }
        return v;
    }

    String text(String name, boolean required, int maxLength) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiException.BadRequest.parameter(name, name + " must be non-empty text.");
        }
        String s = v.asText().trim();
        if (s.length() > maxLength) {
            throw ApiException.BadRequest.parameter(name, name + " must be at most " + maxLength + " characters.");
        }
        return s;
    }

    String oneOf(String name, boolean required, Set<String> allowed) {
        String s = text(name, required, 40);
        if (s != null && !allowed.contains(s)) {
            throw ApiException.BadRequest.parameter(name, name + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + " (got '" + Params.abbreviate(s) + "').");
        }
        return s;
    }

    LocalDate date(String name, boolean required) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v.asText());
            if (d.getYear() < 1900 || d.getYear() > 2200) {
                throw ApiException.BadRequest.parameter(name, name + " must be a date between 1900 and 2200.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ApiException.BadRequest.parameter(name,
                    name + " must be a date in the form YYYY-MM-DD (got '" + Params.abbreviate(v.asText()) + "').");
        }
    }

    Integer integer(String name, boolean required, int min, int max) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.BadRequest.parameter(name, name + " must be a whole number from " + min + " to " + max + ".");
        }
        return v.asInt();
    }

    BigDecimal nonNegative(String name, boolean required) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw ApiException.BadRequest.parameter(name, name + " must be a number of 0 or more (got " + Params.abbreviate(v.toString()) + ").");
        }
        return v.decimalValue();
    }
}
