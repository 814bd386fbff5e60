package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import org.clearancemap.http.ApiException;
import org.junit.jupiter.api.Test;

class Cql2FilterTest {
    private static Cql2Filter hazards(String text) {
        return Cql2Filter.parse(text, Queryable.of(Collection.HAZARDS));
    }

    private static String error(String text) {
        var e = assertThrows(ApiException.class, () -> hazards(text));
        assertEquals(400, e.status());
        assertEquals("filter", e.extensions().get("parameter"));
        return e.detail();
    }

    @Test
    void aComparisonBindsItsLiteral() {
        Cql2Filter f = hazards("classification = 'CHA'");
        assertEquals("(classification = ?)", f.sql());
        assertEquals(List.of("CHA"), f.values());
    }

    @Test
    void aPropertyIsReadFromItsColumn() {
        assertEquals("(iso3 <> ?)", hazards("state_party <> 'LAO'").sql());
        assertEquals("(iso3 = ?)", hazards("\"state_party\" = 'LAO'").sql());
    }

    @Test
    void andBindsTighterThanOr() {
        Cql2Filter f = hazards("state_party = 'LAO' OR state_party = 'SOM' AND area_sqm > 1000");
        assertEquals("((iso3 = ?) OR ((iso3 = ?) AND (area_sqm > ?)))", f.sql());
        assertEquals(List.of("LAO", "SOM", new BigDecimal("1000")), f.values());
    }

    @Test
    void parenthesesAndNotGroup() {
        assertEquals("(NOT ((iso3 = ?) OR (version >= ?)))", hazards("NOT (state_party = 'LAO' or version >= 2)").sql());
    }

    @Test
    void datesAndTimestampsCompareWithDateProperties() {
        Cql2Filter f = hazards("recorded_on >= DATE('2020-01-01') AND recorded_on < TIMESTAMP('2021-01-01T01:00:00+02:00')");
        assertEquals(List.of(Date.valueOf("2020-01-01"), Date.valueOf("2020-12-31")), f.values());
    }

    @Test
    void aQuoteInAStringIsDoubled() {
        assertEquals(List.of("it's \"H3\""), hazards("external_id = 'it''s \"H3\"'").values());
    }

    @Test
    void isNullAndIsNotNullTestAProperty() {
        assertEquals("(evidence IS NULL)", hazards("evidence IS NULL").sql());
        assertEquals("(contamination IS NOT NULL)", hazards("contamination is not null").sql());
    }

    @Test
    void aLiteralMayStandOnTheLeft() {
        Cql2Filter f = hazards("1000 < area_sqm");
        assertEquals("(? < area_sqm)", f.sql());
    }

    @Test
    void anUnknownPropertyIsNamedWithTheQueryables() {
        String detail = error("colour = 'red'");
        assertTrue(detail.contains("'colour'") && detail.contains("classification"), detail);
    }

    @Test
    void aLiteralOfTheWrongTypeIsRefused() {
        assertTrue(error("recorded_on > 'yesterday'").contains("not a date"));
        assertTrue(error("area_sqm > 'big'").contains("not a number"));
        assertTrue(error("external_id = 5").contains("not a string"));
    }

    @Test
    void brokenSyntaxGivesThePosition() {
        assertTrue(error("classification = 'CHA").contains("not closed"));
        assertTrue(error("(classification = 'CHA'").contains("')' is missing"));
        assertTrue(error("classification LIKE 'C%'").contains("position 16"), error("classification LIKE 'C%'"));
        assertTrue(error("classification = 'CHA' 'SHA'").contains("unexpected"));
        assertTrue(error("recorded_on > DATE('2020-13-01')").contains("RFC 3339"));
        assertTrue(error("classification = ").contains("ends too early"));
    }
}
