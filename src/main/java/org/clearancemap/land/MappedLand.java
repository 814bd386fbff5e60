package org.clearancemap.land;

import java.util.List;

/** Everything mapped for one State Party: every hazard version valid for at least a day and every current release. */
public record MappedLand(String iso3, List<MappedHazard> hazards, List<MappedRelease> releases) {
    public MappedLand {
        hazards = List.copyOf(hazards);
        releases = List.copyOf(releases);
    }

    public boolean isEmpty() {
        return hazards.isEmpty() && releases.isEmpty();
    }
}
