package org.clearancemap.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do, in increasing order: each role may do everything the roles before it may.
 *
 * <ul>
 *   <li>{@link #ANALYST}: reads (needed only when {@code READ_REQUIRES_TOKEN} is on);
 *   <li>{@link #OPERATOR}: uploads hazards and releases, only for the State Parties listed on its token;
 *   <li>{@link #COORDINATOR}: every State Party, plus treaty records (extensions, reported figures,
 *       milestones, completion);
 *   <li>{@link #ADMIN}: everything, plus the audit trail and the token list.
 * </ul>
 */
public enum Role {
    ANALYST, OPERATOR, COORDINATOR, ADMIN;

    /** The name stored in {@code api_token.role} and shown in JSON: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The role of a stored or typed name; null when there is none by that name. */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return r;
            }
        }
        return null;
    }

    /** "analyst, operator, coordinator, admin" for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
