package org.clearancemap.report;

import java.util.List;
import java.util.Map;

/**
 * A report: its JSON document, and the same content as titled tables for CSV and HTML.
 *
 * @param summary key figures shown first (label → value)
 */
public record Report(String title, String subtitle, Map<String, Object> json, Map<String, Object> summary,
                     List<Table> tables, List<String> notes) {

    /** A titled table. */
    public record Table(String title, List<String> columns, List<List<Object>> rows) {
    }
}
