package org.clearancemap.land;

import java.util.Locale;

/** How certain the contamination of a hazardous area is: suspected (SHA) or confirmed (CHA). */
public enum Classification {
    SHA, CHA;

    /** The stored and JSON name: {@code SHA} or {@code CHA}. */
    public String key() {
        return name();
    }

    /** The classification for its stored name (any case). */
    public static Classification of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
