package org.clearancemap.demo;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The synthetic hazards (every version) and releases generated for one State Party. */
public record DemoDataset(String iso3, List<DemoHazard> hazards, List<DemoRelease> releases) {

    public DemoDataset {
        hazards = List.copyOf(hazards);
        releases = List.copyOf(releases);
    }

    /** The number of distinct hazards (external ids), whatever their versions. */
    public int hazardCount() {
        Set<String> ids = hazards.stream().map(DemoHazard::externalId).collect(Collectors.toSet());
        return ids.size();
    }
}
