package org.clearancemap.coalition;

import java.util.List;

/** A partner of a Country Coalition: its name, kind ({@link #KINDS}) and role (may be null). */
public record Partner(String name, String kind, String role) {
    public static final List<String> KINDS = List.of("state", "donor", "operator", "international-organisation", "ngo");
}
