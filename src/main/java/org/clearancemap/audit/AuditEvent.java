package org.clearancemap.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One row of the audit trail as the API shows it. */
public record AuditEvent(long id, OffsetDateTime at, Long tokenId, String actor, String action, String entity,
        String entityId, String iso3, Long uploadId, JsonNode detail) {
}
