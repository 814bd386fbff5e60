package org.clearancemap.ogc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A feature collection served under {@code /ogc/collections/{id}}, with the property filters its
 * items accept as query parameters.
 */
public enum Collection {
    HAZARDS("hazards", "Hazardous areas",
            "The current version of every hazardous area (SHA: suspected, CHA: confirmed), with the date it was recorded on.",
            "recorded_on", List.of(PropertyFilter.STATE_PARTY, PropertyFilter.CLASSIFICATION, PropertyFilter.EXTERNAL_ID)),
    RELEASES("releases", "Land releases",
            "The current version of every land release (cancelled, reduced or cleared), with the date it was completed on.",
            "completed_on", List.of(PropertyFilter.STATE_PARTY, PropertyFilter.METHOD, PropertyFilter.EXTERNAL_ID)),
    REMAINING("remaining", "Remaining contamination",
            "Per State Party, the hazardous land not yet released: the union of the hazardous areas valid on a date "
                    + "minus the union of the releases completed by then. datetime gives that date (an instant; default today).",
            null, List.of(PropertyFilter.STATE_PARTY));

    private final String id;
    private final String title;
    private final String description;
    private final String temporalProperty;
    private final List<PropertyFilter> filters;

    Collection(String id, String title, String description, String temporalProperty, List<PropertyFilter> filters) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.temporalProperty = temporalProperty;
        this.filters = filters;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The date property {@code datetime} filters on, or null when datetime is the as-of date. */
    public String temporalProperty() {
        return temporalProperty;
    }

    public List<PropertyFilter> filters() {
        return filters;
    }

    public static Optional<Collection> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
