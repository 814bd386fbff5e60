package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.stateparty.Csv;

/**
 * A registry file read and checked: JSON {@code {source, indicators: [{id, action, text, kind,
 * measure}]}} or CSV with the columns {@code id, action, text, kind, measure} (the source then a
 * query parameter). A bad entry is a 400 naming it ({@code indicators[2].kind}; in CSV the row's
 * index counts data rows from 0).
 */
record RegistryFile(String source, List<Indicator> indicators) {
    static final Set<String> KINDS = Set.of("yes-no", "count", "percentage", "area");
    static final int FIRST_ACTION = 18;
    static final int LAST_ACTION = 30;
    static final int MAX_INDICATORS = 500;
    static final int MAX_SOURCE = 500;
    static final int MAX_TEXT = 2000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    static RegistryFile ofJson(String body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.BadRequest.notJson(e);
        }
        if (root == null || !root.isObject()) {
            throw new ApiException.BadRequest("The body must be a JSON object {source, indicators}.");
        }
        String source = source(root.path("source").isTextual() ? root.get("source").asText() : null);
        JsonNode list = root.get("indicators");
        if (list == null || !list.isArray()) {
            throw ApiException.BadRequest.parameter("indicators", "indicators must be an array of indicators.");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = "indicators[" + i + "]";
            if (!n.isObject()) {
                throw ApiException.BadRequest.parameter(at, at + " must be an object.");
            }
            rows.add(new Row(at, textOf(n, "id"), n.get("action"), textOf(n, "text"), textOf(n, "kind"),
                    textOf(n, "measure")));
        }
        return new RegistryFile(source, checked(rows));
    }

    static RegistryFile ofCsv(String body, String sourceParameter) {
        String source = source(sourceParameter);
        List<Map<String, String>> records = Csv.parse(body);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> r = records.get(i);
            String action = r.get("action");
            rows.add(new Row("indicators[" + i + "]", r.get("id"), action == null || action.isBlank() ? null
                    : com.fasterxml.jackson.databind.node.TextNode.valueOf(action.trim()), r.get("text"), r.get("kind"),
                    r.get("measure")));
        }
        return new RegistryFile(source, checked(rows));
    }

    private record Row(String at, String id, JsonNode action, String text, String kind, String measure) {
    }

    private static String source(String source) {
        if (source == null || source.isBlank()) {
            throw ApiException.BadRequest.parameter("source", "source is required: where the registry's wording comes from.");
        }
        if (source.length() > MAX_SOURCE) {
            throw ApiException.BadRequest.parameter("source", "source must be at most " + MAX_SOURCE + " characters.");
        }
        return source.trim();
    }

    private static List<Indicator> checked(List<Row> rows) {
        if (rows.isEmpty()) {
            throw ApiException.BadRequest.parameter("indicators", "indicators must hold at least one indicator.");
        }
        if (rows.size() > MAX_INDICATORS) {
            throw ApiException.BadRequest.parameter("indicators", "indicators must hold at most " + MAX_INDICATORS + ".");
        }
        Set<String> seen = new HashSet<>();
        List<Indicator> out = new ArrayList<>();
        for (Row r : rows) {
            String id = r.id() == null ? "" : r.id().trim();
            if (!ID.matcher(id).matches()) {
                throw bad(r, "id", "must be 1 to 40 letters, digits, dots, hyphens or underscores (got '"
                        + Params.abbreviate(id) + "')");
            }
            if (!seen.add(id)) {
                throw bad(r, "id", "repeats the id '" + id + "'");
            }
            int action = action(r);
            String text = r.text() == null ? "" : r.text().trim();
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                throw bad(r, "text", "must be the indicator's wording, 1 to " + MAX_TEXT + " characters");
            }
            String kind = r.kind() == null ? "" : r.kind().trim();
            if (!KINDS.contains(kind)) {
                throw bad(r, "kind", "must be one of yes-no, count, percentage, area (got '" + Params.abbreviate(kind) + "')");
            }
            String measure = r.measure() == null || r.measure().isBlank() ? null : r.measure().trim();
            if (measure != null) {
                Measure m = Measure.named(measure).orElseThrow(() -> bad(r, "measure", "names no measure of the server ('"
                        + Params.abbreviate(measure) + "'; GET /api/lap/measures lists them)"));
                if (!m.kind().equals(kind)) {
                    throw bad(r, "measure", "gives a " + m.kind() + " value, so the indicator's kind must be " + m.kind());
                }
            }
            out.add(new Indicator(id, action, text, kind, measure));
        }
        return List.copyOf(out);
    }

    private static int action(Row r) {
        JsonNode a = r.action();
        int action;
        if (a != null && a.canConvertToInt() && a.isIntegralNumber()) {
            action = a.intValue();
        } else if (a != null && a.isTextual() && a.asText().matches("\\d{1,3}")) {
            action = Integer.parseInt(a.asText());
        } else {
            throw bad(r, "action", "must be the action's number, " + FIRST_ACTION + " to " + LAST_ACTION);
        }
        if (action < FIRST_ACTION || action > LAST_ACTION) {
            throw bad(r, "action", "must be an action of the Lausanne Action Plan on clearance and risk education, "
                    + FIRST_ACTION + " to " + LAST_ACTION + " (got " + action + ")");
        }
        return action;
    }

    private static String textOf(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : "";
    }

    private static ApiException.BadRequest bad(Row r, String field, String why) {
        String name = r.at() + "." + field;
        return ApiException.BadRequest.parameter(name, name + " " + why + ".");
    }
}
