package org.clearancemap.upload;

import static org.clearancemap.testing.Gdal.ogr2ogr;
import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.laoHazard;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's upload loop over HTTP, in Laos: a file sent again says it is already stored (dry
 * run or not); on request ({@code invalid=skip}) the features that cannot be stored are left out
 * and listed, the rest written; messages that point the way to the fix.
 */
class UploadLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadLoopTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static JsonNode upload(String path, String body, int status) throws Exception {
        HttpResponse<String> r = post(path, "application/geo+json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** A Shapefile written by GDAL from GeoJSON text, zipped; {@code leaveOut} names extensions not to zip. */
    static byte[] shapefile(String name, String geojson, List<String> ogrOptions, String... leaveOut) throws Exception {
        return zip(shapefileFolder(name, geojson, ogrOptions), leaveOut);
    }

    /** The folder of a Shapefile {@code name.shp} written by GDAL from GeoJSON text. */
    static Path shapefileFolder(String name, String geojson, List<String> ogrOptions) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path input = dir.resolve(name + ".geojson");
        Files.writeString(input, geojson);
        var args = new ArrayList<>(List.of("-f", "ESRI Shapefile"));
        args.addAll(ogrOptions);
        args.addAll(List.of(folder.resolve(name + ".shp").toString(), input.toString()));
        ogr2ogr(args.toArray(new String[0]));
        return folder;
    }

    static byte[] zip(Path folder, String... leaveOut) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String file = f.getFileName().toString();
                if (List.of(leaveOut).contains(file.substring(file.lastIndexOf('.') + 1))) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(file));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static JsonNode uploadZip(String path, byte[] zip, int status) throws Exception {
        HttpResponse<String> r = post(path, "application/zip", zip);
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static List<String> rows(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            var result = new ArrayList<String>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    @Test
    void aFileSentAgainAnswersWithTheFirstReportAndSaysItIsAlreadyUploaded() throws Exception {
        String file = collection(laoHazard("LA-AG-1", 105.9, 15.4), laoHazard("LA-AG-2", 105.95, 15.4));
        JsonNode first = upload("/api/state-parties/LAO/hazards", file, 201);
        assertFalse(first.has("alreadyUploaded"), first.toString());
        JsonNode again = upload("/api/state-parties/LAO/hazards", file, 200);
        assertEquals(first.get("uploadId").asLong(), again.get("alreadyUploaded").get("uploadId").asLong());
        assertEquals(first.get("uploadedAt").asText(), again.get("alreadyUploaded").get("uploadedAt").asText());
        assertEquals(2, again.get("inserted").asInt(), "the first report, as it was");
        assertEquals(List.of("1"), rows("SELECT count(*) FROM upload WHERE iso3 = 'LAO' AND content_sha256 = '"
                + first.get("sha256").asText() + "'"));
    }

    @Test
    void aDryRunOfAFileAlreadyUploadedSaysSoAndCountsNothingNew() throws Exception {
        String file = collection(laoHazard("LA-AG-3", 105.9, 15.5), laoHazard("LA-AG-4", 105.95, 15.5),
                laoHazard("LA-AG-5", 106.0, 15.5));
        JsonNode first = upload("/api/state-parties/LAO/hazards", file, 201);
        JsonNode dry = upload("/api/state-parties/LAO/hazards?dryRun=true", file, 200);
        assertTrue(dry.get("dryRun").asBoolean(), dry.toString());
        assertEquals(first.get("uploadId").asLong(), dry.get("alreadyUploaded").get("uploadId").asLong());
        assertEquals(first.get("uploadedAt").asText(), dry.get("alreadyUploaded").get("uploadedAt").asText());
        assertEquals(3, dry.get("features").asInt());
        assertEquals(0, dry.get("inserted").asInt(), dry.toString());
        assertEquals(0, dry.get("updated").asInt());
        assertEquals(0, dry.get("unchanged").asInt());
        assertTrue(dry.get("uploadId").isNull(), dry.toString());
    }

    /** Four hazards: two valid, one with an empty MultiPolygon, one whose polygon collapses when repaired. */
    private static String twoOfFourValid(String prefix, double lat) {
        String empty = "{\"type\":\"MultiPolygon\",\"coordinates\":[]}";
        String collapsing = String.format(java.util.Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[105.9,%1$s],"
                + "[105.91,%1$s],[105.92,%1$s],[105.93,%1$s],[105.9,%1$s]]]}", lat);
        String props = "{\"external_id\":\"%s\",\"classification\":\"SHA\",\"recorded_on\":\"2021-01-01\"}";
        return collection(laoHazard(prefix + "-1", 105.9, lat), feature(props.formatted(prefix + "-2"), empty),
                feature(props.formatted(prefix + "-3"), collapsing), laoHazard(prefix + "-4", 106.0, lat));
    }

    @Test
    void withoutTheOptInAFileWithInvalidFeaturesIsRefusedAndSaysHowManyCouldBeStored() throws Exception {
        JsonNode problem = upload("/api/state-parties/LAO/hazards", twoOfFourValid("LA-SK-A", 15.6), 422);
        assertEquals(2, problem.get("errorCount").asInt(), problem.toString());
        assertEquals(2, problem.get("skippable").get("validFeatures").asInt(), problem.toString());
        assertEquals(2, problem.get("skippable").get("invalidFeatures").asInt());
        assertTrue(problem.get("detail").asText().contains("invalid=skip"), problem.toString());
        assertEquals(List.of("0"), rows("SELECT count(*) FROM hazard WHERE external_id LIKE 'LA-SK-A-%'"));
    }

    @Test
    void aDryRunWithInvalidSkipReportsWhatWouldBeLeftOutAndWritesNothing() throws Exception {
        JsonNode dry = upload("/api/state-parties/LAO/hazards?dryRun=true&invalid=skip", twoOfFourValid("LA-SK-B", 15.7),
                200);
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(4, dry.get("features").asInt());
        assertEquals(2, dry.get("inserted").asInt(), dry.toString());
        assertEquals(List.of("1 LA-SK-B-2 empty-geometry", "2 LA-SK-B-3 invalid-geometry"), skipped(dry));
        assertEquals(List.of("0"), rows("SELECT count(*) FROM hazard WHERE external_id LIKE 'LA-SK-B-%'"));
    }

    @Test
    void withInvalidSkipTheValidFeaturesAreWrittenAndTheOthersKeptInTheUploadRecord() throws Exception {
        JsonNode report = upload("/api/state-parties/LAO/hazards?invalid=skip", twoOfFourValid("LA-SK-C", 15.8), 201);
        assertEquals(2, report.get("inserted").asInt(), report.toString());
        assertEquals(0, report.get("skippedOmitted").asInt());
        assertEquals(List.of("1 LA-SK-C-2 empty-geometry", "2 LA-SK-C-3 invalid-geometry"), skipped(report));
        assertTrue(report.get("skipped").get(1).get("message").asText().contains("collapses"), report.toString());
        assertEquals(List.of("LA-SK-C-1", "LA-SK-C-4"), rows("SELECT external_id FROM hazard "
                + "WHERE external_id LIKE 'LA-SK-C-%' ORDER BY 1"));
        JsonNode stored = JSON.readTree(server.get("/api/uploads/" + report.get("uploadId").asLong()).body());
        assertEquals(List.of("1 LA-SK-C-2 empty-geometry", "2 LA-SK-C-3 invalid-geometry"), skipped(stored));
    }

    @Test
    void aValidFileWithInvalidSkipSkipsNothing() throws Exception {
        JsonNode report = upload("/api/state-parties/LAO/hazards?invalid=skip",
                collection(laoHazard("LA-SK-D-1", 105.9, 15.9)), 201);
        assertEquals(1, report.get("inserted").asInt());
        assertEquals(0, report.get("skipped").size());
    }

    @Test
    void withInvalidSkipAFileOfOnlyInvalidFeaturesIsStillRefused() throws Exception {
        String empty = "{\"type\":\"MultiPolygon\",\"coordinates\":[]}";
        JsonNode problem = upload("/api/state-parties/LAO/hazards?invalid=skip", collection(feature(
                "{\"external_id\":\"LA-SK-E\",\"classification\":\"SHA\",\"recorded_on\":\"2021-01-01\"}", empty)),
                422);
        assertEquals("empty-geometry", problem.get("errors").get(0).get("code").asText(), problem.toString());
        assertFalse(problem.has("skippable"));
    }

    @Test
    void withInvalidSkipAFileLevelProblemStillRefusesTheFile() throws Exception {
        JsonNode problem = upload("/api/state-parties/LAO/hazards?invalid=skip",
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}", 422);
        assertEquals("not-a-feature-collection", problem.get("errors").get(0).get("code").asText(), problem.toString());
    }

    @Test
    void withInvalidSkipANewVersionRecordedBeforeTheCurrentOneIsLeftOut() throws Exception {
        String later = feature("{\"external_id\":\"LA-SK-F-1\",\"classification\":\"SHA\",\"recorded_on\":\"2022-01-01\"}",
                square(105.9, 16.0, 0.01));
        upload("/api/state-parties/LAO/hazards", collection(later, laoHazard("LA-SK-F-2", 105.95, 16.0)), 201);
        String earlier = later.replace("2022-01-01", "2020-01-01").replace("\"SHA\"", "\"CHA\"");
        JsonNode report = upload("/api/state-parties/LAO/hazards?invalid=skip", collection(laoHazard("LA-SK-F-3", 106.0, 16.0),
                earlier, laoHazard("LA-SK-F-2", 105.95, 16.0)), 201);
        assertEquals(List.of("1 LA-SK-F-1 recorded-before-current"), skipped(report));
        assertEquals(1, report.get("inserted").asInt(), report.toString());
        assertEquals(1, report.get("unchanged").asInt());
        assertEquals(0, report.get("updated").asInt());
        assertEquals(List.of("SHA"), rows("SELECT classification FROM hazard WHERE external_id = 'LA-SK-F-1'"));
    }

    @Test
    void aShapefileMadeByGdalWithAnEmptyAndACollapsingPolygonHasItsValidFeaturesStoredWithInvalidSkip()
            throws Exception {
        byte[] zip = shapefile("skip", twoOfFourValid("LA-SK-H", 16.2), List.of());
        JsonNode problem = uploadZip("/api/state-parties/LAO/hazards", zip, 422);
        assertEquals(2, problem.get("skippable").get("validFeatures").asInt(), problem.toString());
        JsonNode report = uploadZip("/api/state-parties/LAO/hazards?invalid=skip", zip, 201);
        assertEquals(2, report.get("inserted").asInt(), report.toString());
        assertEquals(List.of("1 LA-SK-H-2 missing-geometry", "2 LA-SK-H-3 invalid-geometry"), skipped(report));
        assertEquals(List.of("LA-SK-H-1", "LA-SK-H-4"), rows("SELECT external_id FROM hazard "
                + "WHERE external_id LIKE 'LA-SK-H-%' ORDER BY 1"));
    }

    @Test
    void aShapefileWhosePrjDoesNotMatchItsCoordinatesIsToldTheAxesOrThePrjMayBeWrong() throws Exception {
        // written in UTM 48N (Laos), then given the .prj of UTM 33N: reprojected, it lands in Africa
        Path folder = shapefileFolder("wrong-prj", collection(laoHazard("LA-M-1", 105.9, 15.4)),
                List.of("-t_srs", "EPSG:32648"));
        Process srs = new ProcessBuilder("gdalsrsinfo", "-o", "wkt_esri", "--single-line", "EPSG:32633").start();
        String prj = new String(srs.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(srs.waitFor(30, TimeUnit.SECONDS) && srs.exitValue() == 0 && prj.startsWith("PROJCS"), prj);
        Files.writeString(folder.resolve("wrong-prj.prj"), prj);
        JsonNode problem = uploadZip("/api/state-parties/LAO/hazards", zip(folder), 422);
        JsonNode error = problem.get("errors").get(0);
        assertEquals("outside-territory", error.get("code").asText(), problem.toString());
        String message = error.get("message").asText();
        assertTrue(message.contains("easting and northing may be swapped"), message);
        assertFalse(message.contains("a file without one"), message);
    }

    @Test
    void aZippedShapefileWithoutItsDbfIsOneProblemOfTheFile() throws Exception {
        String file = collection(laoHazard("LA-M-2", 105.9, 15.4), laoHazard("LA-M-3", 105.95, 15.4));
        JsonNode problem = uploadZip("/api/state-parties/LAO/hazards", shapefile("no-dbf", file, List.of(), "dbf"), 422);
        assertEquals(1, problem.get("errors").size(), problem.toString());
        JsonNode error = problem.get("errors").get(0);
        assertEquals("no-dbf", error.get("code").asText(), problem.toString());
        assertTrue(error.get("feature").isNull());
        assertTrue(problem.get("detail").asText().contains("no-dbf.dbf"), problem.toString());
    }

    @Test
    void aHazardsFileSentAsReleasesSaysItLooksLikeHazards() throws Exception {
        JsonNode problem = upload("/api/state-parties/LAO/releases", collection(laoHazard("LA-M-4", 105.9, 15.4)), 422);
        JsonNode error = problem.get("errors").get(0);
        assertEquals("missing-method", error.get("code").asText(), problem.toString());
        assertTrue(error.get("message").asText().contains("classification 'CHA'"), error.toString());
        assertTrue(error.get("message").asText().contains("is this a file of hazards?"), error.toString());
    }

    @Test
    void aReleasesFileSentAsHazardsSaysItLooksLikeReleases() throws Exception {
        String release = feature("{\"external_id\":\"LA-M-5\",\"method\":\"cleared\",\"completed_on\":\"2022-01-01\"}",
                square(105.9, 15.4, 0.01));
        JsonNode problem = upload("/api/state-parties/LAO/hazards", collection(release), 422);
        JsonNode error = problem.get("errors").get(0);
        assertEquals("missing-classification", error.get("code").asText(), problem.toString());
        assertTrue(error.get("message").asText().contains("is this a file of releases?"), error.toString());
    }

    @Test
    void aDateInDayMonthYearOrderNamesTheExpectedFormAndTheDateItWouldBe() throws Exception {
        String hazard = feature("{\"external_id\":\"LA-M-6\",\"classification\":\"SHA\",\"recorded_on\":\"14/03/2026\"}",
                square(105.9, 15.4, 0.01));
        JsonNode error = upload("/api/state-parties/LAO/hazards", collection(hazard), 422).get("errors").get(0);
        assertEquals("bad-date", error.get("code").asText());
        String message = error.get("message").asText();
        assertTrue(message.contains("'14/03/2026'") && message.contains("expected form YYYY-MM-DD"), message);
        assertTrue(message.contains("day/month/year: write 2026-03-14"), message);
    }

    @Test
    void brokenJsonIsToldWithItsLineAndColumnAndNoParserInternals() throws Exception {
        for (String broken : List.of("{\"type\":\"FeatureCollection\",\n\"features\":[", "{\"type\":\"FeatureCollection\",}",
                "{\"type\":FeatureCollection}")) {
            String detail = upload("/api/state-parties/LAO/hazards", broken, 400).get("detail").asText();
            assertTrue(detail.startsWith("The body is not valid JSON at line "), detail);
            for (String internal : List.of("StreamReadFeature", "Source", "REDACTED", "code ")) {
                assertFalse(detail.contains(internal), detail);
            }
        }
        HttpResponse<String> retire = post("/api/state-parties/LAO/hazards/LA-M-7/retire", "application/json",
                "{\"date\":".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, retire.statusCode());
        assertFalse(retire.body().contains("StreamReadFeature"), retire.body());
    }

    @Test
    void problemsNumberFeaturesFromZeroInFileOrderAsTheirFeatureMemberDoes() throws Exception {
        JsonNode problem = upload("/api/state-parties/LAO/hazards", collection(laoHazard("LA-M-8", 105.9, 15.4),
                laoHazard("LA-M-8", 105.95, 15.4)), 422);
        JsonNode error = problem.get("errors").get(0);
        assertEquals(1, error.get("feature").asInt(), problem.toString());
        assertTrue(error.get("message").asText().contains("also used by feature 0"), error.toString());
        assertTrue(problem.get("detail").asText().contains("First: feature 1 (LA-M-8)"), problem.toString());
    }

    @Test
    void anInvalidValueOtherThanSkipOrRefuseIsABadParameter() throws Exception {
        JsonNode problem = upload("/api/state-parties/LAO/hazards?invalid=ignore", collection(laoHazard("LA-SK-G", 105.9, 16.1)),
                400);
        assertEquals("invalid", problem.get("parameter").asText(), problem.toString());
        upload("/api/state-parties/LAO/hazards?invalid=refuse", collection(laoHazard("LA-SK-G", 105.9, 16.1)), 201);
    }

    private static List<String> skipped(JsonNode report) {
        var result = new ArrayList<String>();
        report.get("skipped").forEach(s -> result.add(s.get("feature").asInt() + " " + s.get("externalId").asText()
                + " " + s.get("code").asText()));
        return result;
    }
}
