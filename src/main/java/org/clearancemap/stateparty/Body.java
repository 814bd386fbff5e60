package org.clearancemap.stateparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * A JSON request body read field by field; a bad field is a 400 naming it, by its path for a
 * field of a nested object ({@code statedFigures.remainingKm2}, {@code workPlan[2].clearKm2}).
 */
public final class Body {
    private final JsonNode node;
    private final String prefix;

    private Body(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public static Body of(Context ctx, ObjectMapper json) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw new ApiException.BadRequest("The request needs a JSON object body.");
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new ApiException.BadRequest("The body must be a JSON object.");
            }
            return new Body(node, "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.BadRequest.notJson(e);
        }
    }

    public JsonNode node() {
        return node;
    }

    /** Whether the body has {@code name}, null or not. */
    public boolean has(String name) {
        return node.has(name);
    }

    /** The object {@code name} (empty when absent); a 400 when it is not an object. */
    public Body object(String name) {
        JsonNode v = field(name, false);
        if (v != null && !v.isObject()) {
            throw bad(name, "must be an object");
        }
        return new Body(v == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : v, prefix + name + ".");
    }

    /** The objects of the array {@code name} (none when absent), each named {@code name[i]} in problems. */
    public List<Body> objects(String name, int max) {
        JsonNode v = field(name, false);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw bad(name, "must be an array of objects");
        }
        if (v.size() > max) {
            throw bad(name, "must have at most " + max + " entries");
        }
        List<Body> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw ApiException.BadRequest.parameter(prefix + name + "[" + i + "]", prefix + name + "[" + i + "] must be an object.");
            }
            out.add(new Body(v.get(i), prefix + name + "[" + i + "]."));
        }
        return out;
    }

    public Boolean bool(String name) {
        JsonNode v = field(name, false);
        if (v != null && !v.isBoolean()) {
            throw bad(name, "must be true or false");
        }
        return v == null ? null : v.asBoolean();
    }

    /** A 400 naming this body's field {@code name}: "{path} {what}." */
    public ApiException.BadRequest bad(String name, String what) {
        return ApiException.BadRequest.parameter(prefix + name, prefix + name + " " + what + ".");
    }

    private JsonNode field(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw bad(name, "is required");
            }
            return null;
        }
        return v;
    }

    public String text(String name, boolean required, int maxLength) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad(name, "must be non-empty text");
        }
        String s = v.asText().trim();
        if (s.length() > maxLength) {
            throw bad(name, "must be at most " + maxLength + " characters");
        }
        return s;
    }

    public String oneOf(String name, boolean required, Set<String> allowed) {
        String s = text(name, required, 40);
        if (s != null && !allowed.contains(s)) {
            throw bad(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + " (got '" + Params.abbreviate(s) + "')");
        }
        return s;
    }

    public LocalDate date(String name, boolean required) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v.asText());
            if (d.getYear() < 1900 || d.getYear() > 2200) {
                throw bad(name, "must be a date between 1900 and 2200");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw bad(name, "must be a date in the form YYYY-MM-DD (got '" + Params.abbreviate(v.asText()) + "')");
        }
    }

    public Integer integer(String name, boolean required, int min, int max) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw bad(name, "must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    public BigDecimal nonNegative(String name, boolean required) {
        JsonNode v = field(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            throw bad(name, "must be a number of 0 or more (got " + Params.abbreviate(v.toString()) + ")");
        }
        return v.decimalValue();
    }
}
