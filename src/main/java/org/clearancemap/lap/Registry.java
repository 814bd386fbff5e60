package org.clearancemap.lap;

import java.time.OffsetDateTime;
import java.util.List;

/** One version of the indicator registry: where it came from, who loaded it and when, its indicators in order. */
public record Registry(int version, String source, String loadedBy, OffsetDateTime loadedAt, boolean synthetic,
                       List<Indicator> indicators) {
}
