package org.clearancemap.upload;

/** What an upload holds: hazardous areas or land releases (the {@code upload.kind} column). */
public enum UploadKind {
    HAZARDS("hazards"),
    RELEASES("releases");

    private final String column;

    UploadKind(String column) {
        this.column = column;
    }

    /** The value stored in {@code upload.kind} and used in paths. */
    public String column() {
        return column;
    }
}
