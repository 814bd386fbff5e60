package org.clearancemap.ogc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.clearancemap.land.LandKind;

/**
 * A feature collection served under {@code /ogc/collections/{id}}, with the property filters its
 * items accept as query parameters.
 */
public enum Collection {
    HAZARDS("hazards", "Hazardous areas",
            "The current version of every hazardous area (SHA: suspected, CHA: confirmed), with the date it was recorded on.",
            LandKind.HAZARDS, List.of(PropertyFilter.STATE_PARTY, PropertyFilter.CLASSIFICATION, PropertyFilter.EXTERNAL_ID)),
    RELEASES("releases", "Land releases",
            "The current version of every land release (cancelled, reduced or cleared), with the date it was completed on.",
            LandKind.RELEASES, List.of(PropertyFilter.STATE_PARTY, PropertyFilter.METHOD, PropertyFilter.EXTERNAL_ID)),
    REMAINING("remaining", "Remaining contamination",
            "Per State Party, the hazardous land not yet released: the union of the hazardous areas valid on a date "
                    + "minus the union of the releases completed by then. datetime gives that date (an instant; default today).",
            null, List.of(PropertyFilter.STATE_PARTY));

    private final String id;
    private final String title;
    private final String description;
    private final LandKind kind;
    private final List<PropertyFilter> filters;

    Collection(String id, String title, String description, LandKind kind, List<PropertyFilter> filters) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.kind = kind;
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
        return kind == null ? null : kind.dateColumn();
    }

    /** The hazards or releases the collection serves; null for remaining, which the area engine computes. */
    public LandKind kind() {
        return kind;
    }

    public List<PropertyFilter> filters() {
        return filters;
    }

    public static Optional<Collection> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
