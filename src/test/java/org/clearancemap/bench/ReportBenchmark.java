package org.clearancemap.bench;

import static org.clearancemap.bench.Samples.median;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;

/**
 * The report benchmark ({@code scripts/bench.sh reports [S|M|L]}): on the synthetic dataset of that
 * size, with every polygon given a province (so that tables are grouped, with subtotals), the
 * Article 7 report (last year) and the extension request figures (today) of the State Party with
 * the most hazardous areas, in every format over HTTP, each format's median beside JSON's,
 * measured in the same rounds, alternating. The figures themselves are cached by the server after
 * the first request, so the times are those of building and writing the document. Goal: every
 * format within 2× its JSON time.
 */
public final class ReportBenchmark {
    private static final List<String> FORMATS = List.of("json", "html", "csv", "pdf", "docx", "xlsx");

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestDatabase db = SyntheticData.load(ReportBenchmark.class, SyntheticData.sizeName(args))) {
            String iso3;
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("UPDATE hazard SET admin1 = 'Province ' || (id % 9), admin2 = 'District ' || (id % 31)");
                st.execute("UPDATE land_release SET admin1 = 'Province ' || (id % 9), admin2 = 'District ' || (id % 31)");
                try (var rs = st.executeQuery("SELECT iso3 FROM hazard WHERE valid_until IS NULL GROUP BY iso3 "
                        + "ORDER BY count(*) DESC, iso3 LIMIT 1")) {
                    rs.next();
                    iso3 = rs.getString(1);
                }
            }
            try (TestServer server = TestServer.start(db, Map.of(), routes -> { });
                 KeepAliveClient client = new KeepAliveClient("127.0.0.1", URI.create(server.url("/")).getPort())) {
                int year = java.time.LocalDate.now().getYear() - 1;
                measure(client, "Article 7, " + iso3 + " " + year, "/api/state-parties/" + iso3 + "/reports/article7?year=" + year);
                measure(client, "extension request figures, " + iso3, "/api/state-parties/" + iso3 + "/reports/extension-request?");
            }
        }
    }

    private static void measure(KeepAliveClient client, String label, String path) throws Exception {
        int rounds = 7;
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        Map<String, Integer> bytes = new LinkedHashMap<>();
        FORMATS.forEach(f -> ms.put(f, new ArrayList<>()));
        for (int round = -2; round < rounds; round++) {
            for (String f : FORMATS) {
                long t0 = System.nanoTime();
                KeepAliveClient.Response r = client.get(path + "&f=" + f);
                double elapsed = (System.nanoTime() - t0) / 1e6;
                if (r.status() != 200) {
                    throw new IllegalStateException(path + "&f=" + f + " answered " + r.status());
                }
                bytes.put(f, r.body().length);
                if (round >= 0) {
                    ms.get(f).add(elapsed);
                }
            }
        }
        double json = median(ms.get("json"));
        System.out.println(label + " (median of " + rounds + ", after 2 warm-up rounds):");
        for (String f : FORMATS) {
            double m = median(ms.get(f));
            System.out.printf(Locale.ROOT, "  %-5s %9.1f ms  %,11d bytes  ratio to JSON %5.2f%s%n", f, m, bytes.get(f), m / json,
                    m / json <= 2 ? "" : "  (goal 2)");
        }
    }
}
