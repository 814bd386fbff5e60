package org.clearancemap.stateparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        List<Map<String, String>> rows = Csv.parse("a,b\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n1,\n");
        assertEquals(2, rows.size());
        assertEquals("x, y", rows.get(0).get("a"));
        assertEquals("say \"hi\"\nthere", rows.get(0).get("b"));
        assertEquals("", rows.get(1).get("b"));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n1,2,3\n"));
    }

    @Test
    void everyReferenceFileNamesItsSourceOnEveryRow() {
        for (String file : List.of("state_parties", "extensions", "reported_figures")) {
            for (Map<String, String> row : Csv.readResource("/reference/" + file + ".csv")) {
                assertEquals(3, row.get("iso3").length(), file + " " + row);
                assertEquals(false, row.get("source").isBlank(), file + " " + row);
            }
        }
    }
}
