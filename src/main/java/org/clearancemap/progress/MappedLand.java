package org.clearancemap.progress;

import java.util.List;

/** Everything mapped for one State Party: every hazard version and every current release. */
public record MappedLand(String iso3, List<HazardVersion> hazards, List<Release> releases) {
    public MappedLand {
        hazards = List.copyOf(hazards);
        releases = List.copyOf(releases);
    }

    public boolean isEmpty() {
        return hazards.isEmpty() && releases.isEmpty();
    }
}
