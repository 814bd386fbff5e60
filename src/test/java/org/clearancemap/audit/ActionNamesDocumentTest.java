package org.clearancemap.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/OPERATIONS.md names every audit action the server writes. */
class ActionNamesDocumentTest {

    @Test
    void operationsMdListsEveryAuditAction() throws Exception {
        String operations = Files.readString(Path.of("docs/OPERATIONS.md"));
        List<String> missing = Arrays.stream(AuditAction.values())
                .map(AuditAction::wireName)
                .filter(name -> !operations.contains("`" + name + "`"))
                .toList();
        assertEquals(List.of(), missing, "audit actions docs/OPERATIONS.md does not name");
    }
}
