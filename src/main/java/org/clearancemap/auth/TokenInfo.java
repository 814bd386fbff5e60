package org.clearancemap.auth;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored token as listed to admins: everything but the secret, which is never stored. */
public record TokenInfo(long id, String name, String role, List<String> stateParties, OffsetDateTime createdAt,
        OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
