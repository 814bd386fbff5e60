package org.clearancemap.testing;

import java.util.List;
import org.clearancemap.demo.DemoLoader;

/** The demo dataset in a test database of its own, and the States Parties it maps. */
public final class DemoData {
    /** The ten States Parties of the demo dataset, by ISO3 code. */
    public static final List<String> STATES = List.of("AFG", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM", "SSD", "TCD");

    private DemoData() {
    }

    /** A new test database for {@code testClass} with the demo dataset loaded. */
    public static TestDatabase load(Class<?> testClass) {
        TestDatabase db = TestDatabase.create(testClass);
        new DemoLoader(db.database().dataSource()).load();
        return db;
    }
}
