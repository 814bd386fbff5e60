package org.clearancemap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsDocumentTest {

    @Test
    void docsSettingsMdIsTheTableTheDeclarationsGive() throws Exception {
        String written = Files.readString(Path.of("docs/SETTINGS.md"));
        assertEquals(Config.settingsTable(), written, "docs/SETTINGS.md differs from the settings declared in Config: "
                + "regenerate it with  mvn -B -DskipTests package && java -jar target/clearance-map.jar settings > docs/SETTINGS.md");
    }
}
