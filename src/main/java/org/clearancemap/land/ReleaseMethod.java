package org.clearancemap.land;

import java.util.Locale;

/**
 * How land was released. Declared in the order that breaks ties between releases completed on the
 * same day over the same land: cleared first, then reduced, then cancelled.
 */
public enum ReleaseMethod {
    CLEARED, REDUCED, CANCELLED;

    /** The stored and JSON name: {@code cleared}, {@code reduced}, {@code cancelled}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method for its stored name. */
    public static ReleaseMethod of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
