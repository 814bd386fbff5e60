package org.clearancemap.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.demo.DemoSize;
import org.clearancemap.geo.Territories;
import org.clearancemap.testing.TestDatabase;

/**
 * The benchmarks' datasets: the demo generator at a fixed number of hazards per State Party,
 * loaded as the demo is ({@link DemoLoader}) into a fresh database cloned from the test template
 * (dropped when closed). Sizes: S 100, M 1,000 and L 10,000 hazards per State Party, each with
 * the demo's share of re-surveyed and retired hazards and of releases.
 */
final class SyntheticData {
    private SyntheticData() {
    }

    /** The size named S, M or L. */
    static DemoSize size(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "S" -> DemoSize.hazards(100);
            case "M" -> DemoSize.hazards(1_000);
            case "L" -> DemoSize.hazards(10_000);
            default -> throw new IllegalArgumentException("size must be S, M or L (got " + name + ")");
        };
    }

    /** The size given as the first argument, M when there is none. */
    static String sizeName(String[] args) {
        String name = args.length == 0 ? "M" : args[0].toUpperCase(Locale.ROOT);
        size(name);
        return name;
    }

    /** A fresh database holding the dataset of this size, analysed; prints what it holds. */
    static TestDatabase load(Class<?> benchmark, String sizeName) throws SQLException {
        DemoSize size = size(sizeName);
        TestDatabase db = TestDatabase.create(benchmark);
        try {
            long started = System.nanoTime();
            DemoLoader.Result loaded = new DemoLoader(db.database().dataSource(), Territories.naturalEarth(), size).load();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE hazard");
                st.execute("VACUUM ANALYZE land_release");
            }
            System.out.printf(Locale.ROOT, "dataset %s (demo generator, %,d hazards per State Party): %,d hazards in %,d "
                    + "versions (%,d current) + %,d releases over %d States Parties, generated and loaded in %.1f s%n",
                    sizeName, size.hazardsPerState(), loaded.hazards(), loaded.hazardVersions(),
                    count(db, "SELECT count(*) FROM hazard WHERE valid_until IS NULL"), loaded.releases(), loaded.states(),
                    (System.nanoTime() - started) / 1e9);
            return db;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
