package org.clearancemap.audit;

/**
 * Who did what an audit event records: the id of the token the request came with, and the name
 * kept as the event's {@code actor}. Work done without a token (the demo loader, the command
 * line) has no token id.
 */
public interface Actor {

    /** The token's id in {@code api_token}; null for work done without a token. */
    Long tokenId();

    /** The token's name (a person or organisation), or what the server calls its own work. */
    String name();

    /** Work done without a token, recorded under {@code name}. */
    static Actor system(String name) {
        return new Named(name);
    }

    /** See {@link #system}. */
    record Named(String name) implements Actor {
        @Override
        public Long tokenId() {
            return null;
        }
    }
}
