package org.clearancemap.lap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One recorded value of an indicator for a State Party and year.
 *
 * @param version  the registry version it was recorded under
 * @param override whether it replaces a computed value (a source is then required)
 */
public record RecordedValue(long id, String iso3, String indicatorId, int year, int version, JsonNode value,
                            boolean override, String source, String note, String recordedBy,
                            OffsetDateTime recordedAt, boolean synthetic) {
}
