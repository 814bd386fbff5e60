package org.clearancemap.upload;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearancemap.http.ApiException;

/**
 * Refuses KML that would make a reader reach outside the file: a document type declaration
 * (which is how XML external entities and entity-expansion bombs come in) or a
 * {@code NetworkLink}. Checked on the text before GDAL opens the file; the file is read in
 * blocks, never whole.
 */
final class KmlSafety {
    private KmlSafety() {
    }

    static void check(Path kml) {
        char[] block = new char[65536];
        String carry = "";
        try (Reader in = Files.newBufferedReader(kml, StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(block)) >= 0) {
                String text = (carry + new String(block, 0, n)).toLowerCase(Locale.ROOT);
                if (text.contains("<!doctype") || text.contains("<!entity")) {
                    throw refuse("xml-entity", "The KML declares a document type or entities; external entities are "
                            + "refused, never followed. Remove the <!DOCTYPE> declaration.");
                }
                if (text.contains("<networklink") || text.contains(":networklink")) {
                    throw refuse("network-link", "The KML holds a NetworkLink; links are refused, never followed. "
                            + "Export the linked features into the file itself.");
                }
                carry = text.substring(Math.max(0, text.length() - 16));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw refuse("unreadable-file", "The KML is not UTF-8 text.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException refuse(String code, String detail) {
        return new ApiException.Unprocessable(detail, Map.of("errors", List.of(FeatureProblem.ofFile(code, detail))));
    }
}
