package org.clearancemap.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The answer to a file already uploaded to the same State Party and kind (same SHA-256): 200 with
 * the first upload's report and {@code alreadyUploaded: {uploadId, uploadedAt}}; nothing is written.
 * A dry run of that file says the same and counts what sending it would write: nothing
 * ({@code dryRun} true, {@code uploadId} and {@code uploadedAt} null, {@code inserted},
 * {@code updated} and {@code unchanged} 0); what describes the file ({@code features},
 * {@code repaired}, {@code warnings}, {@code skipped}) stays as the first upload found it.
 */
final class AlreadyUploaded {
    private AlreadyUploaded() {
    }

    static SurveyUpload.Outcome answer(UploadRepository.Previous previous, boolean dryRun, ObjectMapper json)
            throws IOException {
        ObjectNode report = (ObjectNode) json.readTree(previous.report());
        ObjectNode first = json.createObjectNode();
        first.put("uploadId", previous.uploadId());
        first.set("uploadedAt", json.valueToTree(previous.uploadedAt()));
        if (dryRun) {
            report.put("dryRun", true);
            report.putNull("uploadId");
            report.putNull("uploadedAt");
            report.put("inserted", 0);
            report.put("updated", 0);
            report.put("unchanged", 0);
            report.putNull("processingMs");
        }
        if (!report.has("skipped")) {
            // a report stored before features could be skipped skipped none
            report.putArray("skipped");
            report.put("skippedOmitted", 0);
        }
        report.set("alreadyUploaded", first);
        return new SurveyUpload.Outcome(200, report);
    }
}
