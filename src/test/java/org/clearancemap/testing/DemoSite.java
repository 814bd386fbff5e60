package org.clearancemap.testing;

import org.clearancemap.demo.DemoLoader;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a browser test of the map page runs against: its own database holding the demo dataset,
 * the server over it on a free port, and a headless Chromium of the given window size.
 */
public final class DemoSite implements AutoCloseable {
    public final TestDatabase db;
    public final TestServer server;
    public final ChromeDriver browser;

    private DemoSite(TestDatabase db, TestServer server, ChromeDriver browser) {
        this.db = db;
        this.server = server;
        this.browser = browser;
    }

    public static DemoSite start(Class<?> testClass, int width, int height) throws Exception {
        TestDatabase db = TestDatabase.create(testClass);
        new DemoLoader(db.database().dataSource()).load();
        TestServer server = TestServer.start(db);
        try {
            return new DemoSite(db, server, Browser.start(width, height));
        } catch (Exception | Error e) {
            server.close();
            db.close();
            throw e;
        }
    }

    @Override
    public void close() {
        browser.quit();
        server.close();
        db.close();
    }
}
