package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import org.clearancemap.http.ApiException;

/** A value checked against its indicator's kind: yes-no a boolean, count a whole number ≥ 0, percentage 0–100, area km² ≥ 0. */
final class IndicatorValue {
    private IndicatorValue() {
    }

    static JsonNode checked(String kind, JsonNode value) {
        if (value == null || value.isNull()) {
            throw ApiException.BadRequest.parameter("value", "value is required.");
        }
        switch (kind) {
            case "yes-no" -> {
                if (!value.isBoolean()) {
                    throw bad("a yes-no indicator's value must be true or false");
                }
            }
            case "count" -> {
                if (!value.isNumber() || value.decimalValue().stripTrailingZeros().scale() > 0 || value.decimalValue().signum() < 0) {
                    throw bad("a count indicator's value must be a whole number, 0 or more");
                }
            }
            case "percentage" -> {
                if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
                    throw bad("a percentage indicator's value must be a number from 0 to 100");
                }
            }
            case "area" -> {
                if (!value.isNumber() || value.doubleValue() < 0) {
                    throw bad("an area indicator's value must be a number of km², 0 or more");
                }
            }
            default -> throw new IllegalStateException("kind " + kind);
        }
        return value;
    }

    private static ApiException.BadRequest bad(String why) {
        return ApiException.BadRequest.parameter("value", "value: " + why + ".");
    }
}
