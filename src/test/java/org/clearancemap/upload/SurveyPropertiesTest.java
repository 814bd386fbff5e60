package org.clearancemap.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurveyPropertiesTest {

    private static SurveyProperties hazard(Object... keyValues) {
        var raw = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return SurveyProperties.of(UploadKind.HAZARDS, raw);
    }

    @Test
    void camelCaseNamesAreTheSnakeCaseFields() {
        assertEquals("2020-01-02", hazard("recordedOn", "2020-01-02").text("recorded_on"));
    }

    @Test
    void namesMatchWhateverTheirCase() {
        assertEquals("H-1", hazard("EXTERNAL_ID", "H-1").text("external_id"));
    }

    @Test
    void imsmaLandIdIsTheExternalId() {
        assertEquals("L-7", hazard("Land_ID", "L-7").text("external_id"));
    }

    @Test
    void theCanonicalNameWinsOverAnAlias() {
        SurveyProperties p = hazard("id", 17, "external_id", "H-9");
        assertEquals("H-9", p.text("external_id"));
        assertEquals(Map.of("id", 17), p.attributes());
    }

    @Test
    void shapefileNamesCutToTenCharactersAreRecognised() {
        SurveyProperties p = hazard("external_i", "H-1", "classifica", "SHA", "recorded_o", "2020-01-01");
        assertEquals("H-1", p.text("external_id"));
        assertEquals("SHA", p.text("classification"));
        assertEquals("2020-01-01", p.text("recorded_on"));
    }

    @Test
    void unknownPropertiesAreKeptAsAttributesAndEmptyOnesDropped() {
        assertEquals(Map.of("village", "Ban Phon"), hazard("village", "Ban Phon", "note", "", "x", null).attributes());
    }

    @Test
    void forReleasesHazardIdIsTheLinkedHazardNotTheReleaseId() {
        SurveyProperties p = SurveyProperties.of(UploadKind.RELEASES, Map.of("hazard_id", "H-1", "activity_id", "A-1"));
        assertEquals("H-1", p.text("hazard_external_id"));
        assertEquals("A-1", p.text("external_id"));
    }

    @Test
    void aWholeNumberReadAsDecimalIsTextWithoutFraction() {
        assertEquals("12", hazard("id", 12.0).text("external_id"));
    }

    @Test
    void isoDatesAreRead() {
        assertEquals(LocalDate.of(2021, 3, 4), FeatureCheck.parseDate("2021-03-04"));
    }

    @Test
    void slashedDatesAreRead() {
        assertEquals(LocalDate.of(2021, 3, 4), FeatureCheck.parseDate("2021/03/04"));
    }

    @Test
    void dateTimesGiveTheirDate() {
        assertEquals(LocalDate.of(2021, 3, 4), FeatureCheck.parseDate("2021-03-04T10:00:00Z"));
    }

    @Test
    void epochMillisecondsAsArcGisExportsThemAreRead() {
        assertEquals(LocalDate.of(2021, 3, 4), FeatureCheck.parseDate(1614816000000L));
    }

    @Test
    void epochMillisecondsAsTextAsGdalReadsEsriJsonDatesAreRead() {
        assertEquals(LocalDate.of(2021, 3, 4), FeatureCheck.parseDate("1614816000000"));
        assertNull(FeatureCheck.parseDate("20210304"), "eight digits are no epoch milliseconds");
    }

    @Test
    void february30IsNoDate() {
        assertNull(FeatureCheck.parseDate("2024-02-30"));
    }

    @Test
    void dayFirstDatesAreNotGuessed() {
        assertNull(FeatureCheck.parseDate("04/03/2021"));
    }

    @Test
    void zipEntriesLeavingTheFolderEscape() {
        assertTrue(SafeArchive.escapes("../x"));
        assertTrue(SafeArchive.escapes("a/../../x"));
        assertTrue(SafeArchive.escapes("/etc/passwd"));
        assertTrue(SafeArchive.escapes("C:\\x"));
        assertFalse(SafeArchive.escapes("export/hazards.shp"));
        assertFalse(SafeArchive.escapes("a..b.shp"));
    }

    @Test
    void formatsAreToldFromTheirFirstBytes() {
        assertEquals(FileFormat.GEOJSON, FileFormat.detect("\uFEFF  {\"type\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileFormat.ZIP, FileFormat.detect(new byte[] {'P', 'K', 3, 4, 0}));
        assertEquals(FileFormat.GEOPACKAGE, FileFormat.detect("SQLite format 3\0...".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(FileFormat.KML, FileFormat.detect("<?xml version=\"1.0\"?>\n<kml xmlns=".getBytes(StandardCharsets.UTF_8)));
        assertEquals(FileFormat.CSV, FileFormat.detect("WKT,external_id\n\"POLYGON((...))\",H-1".getBytes(StandardCharsets.UTF_8)));
        assertNull(FileFormat.detect("name,lon,lat\nx,1,2".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void projectedMetresAreToldApartFromSwappedDegrees() {
        assertTrue(PolygonReader.outOfRange(500000, 1700000).contains("projected"));
        assertTrue(PolygonReader.outOfRange(15.4, 105.9).contains("swapped"));
    }
}
