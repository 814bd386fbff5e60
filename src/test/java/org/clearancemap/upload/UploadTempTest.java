package org.clearancemap.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary files of a server killed with SIGKILL are removed by the next one, and only those. */
class UploadTempTest {

    @Test
    void theFoldersOfEndedProcessesAreRemovedAndNothingElse(@TempDir Path tmp) throws Exception {
        // a real process that has ended: its pid names a folder nobody will clean up
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
        Path dead = Files.createDirectories(tmp.resolve(UploadTemp.PREFIX + ended.pid()));
        Files.createDirectories(dead.resolve("upload-zip-1"));
        Files.writeString(dead.resolve("upload-zip-1").resolve("a.shp"), "x");
        Files.writeString(dead.resolve("upload-1.bin"), "half an upload");

        Path alive = Files.createDirectories(tmp.resolve(UploadTemp.PREFIX + ProcessHandle.current().pid()));
        Files.writeString(alive.resolve("upload-2.bin"), "an upload in progress");
        Path notOurs = Files.createDirectories(tmp.resolve(UploadTemp.PREFIX + "cache"));
        Path aFile = Files.writeString(tmp.resolve(UploadTemp.PREFIX + "123456789"), "a file, not a folder");
        Path other = Files.writeString(tmp.resolve("upload-3.bin"), "someone else's");

        assertEquals(1, UploadTemp.sweep(tmp));
        assertFalse(Files.exists(dead), "the ended process's folder is removed with its content");
        assertTrue(Files.exists(alive.resolve("upload-2.bin")), "a running process's files are kept");
        assertTrue(Files.exists(notOurs) && Files.exists(aFile) && Files.exists(other), "nothing else is touched");
        assertEquals(0, UploadTemp.sweep(tmp), "a second sweep finds nothing");
    }

    @Test
    void uploadFilesAreMadeInThisProcesssFolder() throws Exception {
        Path file = UploadTemp.file("upload-", ".bin");
        try {
            assertEquals(UploadTemp.PREFIX + ProcessHandle.current().pid(), file.getParent().getFileName().toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
