package org.clearancemap.upload;

import org.clearancemap.land.LandKind;

/** What an upload holds: hazardous areas or land releases (the {@code upload.kind} column). */
public enum UploadKind {
    HAZARDS("hazards", LandKind.HAZARDS),
    RELEASES("releases", LandKind.RELEASES);

    private final String column;
    private final LandKind land;

    UploadKind(String column, LandKind land) {
        this.column = column;
        this.land = land;
    }

    /** What the upload's features become. */
    public LandKind land() {
        return land;
    }

    /** The value stored in {@code upload.kind} and used in paths. */
    public String column() {
        return column;
    }
}
