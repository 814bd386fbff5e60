package org.clearancemap.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an audit event records as done, named {@code <thing>.<verb>}: the thing in the singular,
 * in kebab case. The trail is append-only, so events written under the earlier names keep them:
 * {@link #earlier} is that name and, where the name alone was shared by several things, the
 * {@code entity} the events carried.
 */
public enum AuditAction {
    UPLOAD_CREATE("upload.create", new Earlier("upload", null)),
    HAZARD_RETIRE("hazard.retire", new Earlier("retire", "hazard")),
    STATE_PARTY_CREATE("state-party.create", new Earlier("create", "state_party")),
    EXTENSION_REQUEST_CREATE("extension-request.create", new Earlier("create", "extension_request")),
    EXTENSION_REQUEST_DECIDE("extension-request.decide", new Earlier("decide", "extension_request")),
    EXTENSION_REQUEST_REVISE("extension-request.revise", null),
    EXTENSION_QUESTION_ASK("extension-question.ask", null),
    EXTENSION_QUESTION_ANSWER("extension-question.answer", null),
    REPORTED_FIGURE_CREATE("reported-figure.create", new Earlier("create", "reported_figure")),
    MILESTONE_SET("milestone.set", new Earlier("set", "milestone")),
    COMPLETION_DECLARE("completion.declare", new Earlier("declare-completion", "state_party")),
    COALITION_SET("coalition.set", null),
    COALITION_MEETING_ADD("coalition-meeting.add", null),
    TOKEN_CREATE("token.create", null),
    TOKEN_REVOKE("token.revoke", null),
    LAP_REGISTRY_LOAD("lap-registry.load", null),
    LAP_VALUE_RECORD("lap-value.record", null),
    DEMO_LOAD("demo.load", null);

    /**
     * The name events of this action were written with before, and the entity they carried (null:
     * any entity).
     */
    public record Earlier(String action, String entity) {
    }

    private final String wireName;
    private final Earlier earlier;

    AuditAction(String wireName, Earlier earlier) {
        this.wireName = wireName;
        this.earlier = earlier;
    }

    /** The name stored in {@code audit_event.action}, e.g. {@code upload.create}. */
    public String wireName() {
        return wireName;
    }

    /** The earlier name of this action; null when it never had another. */
    public Earlier earlier() {
        return earlier;
    }

    /** The action stored as {@code wireName}; empty for any other name (earlier names included). */
    public static Optional<AuditAction> named(String wireName) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
