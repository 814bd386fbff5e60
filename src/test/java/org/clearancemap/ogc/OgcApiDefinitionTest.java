package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.clearancemap.http.Json;
import org.junit.jupiter.api.Test;

/** The API definition read by swagger-parser, a real OpenAPI 3.0 validator. */
class OgcApiDefinitionTest {

    private static SwaggerParseResult parse() {
        String doc = new ApiDefinition(Json.mapper()).build("http://example.org/ogc").toString();
        var options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(doc, null, options);
    }

    @Test
    void theDefinitionIsValidOpenApiWithoutASingleMessage() {
        SwaggerParseResult result = parse();
        assertNotNull(result.getOpenAPI());
        assertEquals(List.of(), result.getMessages());
    }

    @Test
    void everyCollectionDeclaresItsItemsPathWithItsPropertyFilters() {
        OpenAPI api = parse().getOpenAPI();
        for (Collection c : Collection.values()) {
            var item = api.getPaths().get("/collections/" + c.id() + "/items");
            assertNotNull(item, c.id());
            Set<String> names = item.getGet().getParameters().stream()
                    .map(p -> p.get$ref() == null ? p.getName()
                            : api.getComponents().getParameters().get(p.get$ref().replace("#/components/parameters/", "")).getName())
                    .collect(Collectors.toSet());
            assertTrue(names.containsAll(ItemsQuery.COMMON_PARAMETERS), names.toString());
            c.filters().forEach(f -> assertTrue(names.contains(f.parameter()), c.id() + " lacks " + f.parameter()));
            assertNotNull(api.getPaths().get("/collections/" + c.id() + "/items/{featureId}"));
        }
    }

    @Test
    void limitDeclaresItsDefaultAndMaximum() {
        Parameter limit = parse().getOpenAPI().getComponents().getParameters().get("limit");
        assertEquals(ItemsQuery.DEFAULT_LIMIT, ((Number) limit.getSchema().getDefault()).intValue());
        assertEquals(ItemsQuery.MAX_LIMIT, limit.getSchema().getMaximum().intValue());
        assertFalse(limit.getRequired());
    }

    @Test
    void theValidatorWouldReportAMistakeInTheDefinition() {
        String good = new ApiDefinition(Json.mapper()).build("http://example.org/ogc").toString();
        String doc = good.replace("\"in\":\"query\"", "\"in\":\"nowhere\"");
        assertFalse(doc.equals(good));
        var options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        assertFalse(new OpenAPIV3Parser().readContents(doc, null, options).getMessages().isEmpty());
    }
}
