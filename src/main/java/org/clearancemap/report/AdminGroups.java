package org.clearancemap.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clearancemap.report.Document.Column;
import org.clearancemap.report.Document.Kind;
import org.clearancemap.report.Document.Row;
import org.clearancemap.report.Document.RowKind;
import org.clearancemap.report.Document.Table;

/**
 * A table of areas located by administrative area. Its items' cells are: a name, the first-level
 * area, the second-level area, then the table's own columns, then longitude and latitude.
 * <ul>
 *   <li>An administrative column no item fills is left out.</li>
 *   <li>When any item names a first-level area, the rows are grouped by it: a heading row per area
 *       (alphabetical, "not stated" last), its items, a subtotal; then the total. Otherwise the
 *       items and the total.</li>
 *   <li>Subtotals and the total add the summed columns; their first cell names them.</li>
 * </ul>
 */
final class AdminGroups {
    private static final int ADMIN_1 = 1;
    private static final int ADMIN_2 = 2;

    private AdminGroups() {
    }

    /**
     * @param own    the table's own columns (between the administrative areas and the location)
     * @param summed indexes in {@code own} of the columns subtotals add
     */
    static Table table(String id, String title, String nameHeader, List<Column> own, List<List<Object>> items,
                       String empty, int... summed) {
        boolean admin1 = items.stream().anyMatch(i -> i.get(ADMIN_1) != null);
        boolean admin2 = items.stream().anyMatch(i -> i.get(ADMIN_2) != null);
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(nameHeader, Kind.TEXT));
        columns.add(new Column(TreatyWords.ADMIN_1, Kind.TEXT));
        columns.add(new Column(TreatyWords.ADMIN_2, Kind.TEXT));
        columns.addAll(own);
        columns.add(new Column(TreatyWords.LONGITUDE, Kind.DEGREES));
        columns.add(new Column(TreatyWords.LATITUDE, Kind.DEGREES));
        int[] sums = Arrays.stream(summed).map(i -> i + 3).toArray();

        List<Row> rows = new ArrayList<>();
        if (!admin1) {
            items.forEach(i -> rows.add(Row.item(i)));
        } else {
            Map<String, List<List<Object>>> byArea = new TreeMap<>(Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));
            for (List<Object> i : items) {
                byArea.computeIfAbsent((String) i.get(ADMIN_1), k -> new ArrayList<>()).add(i);
            }
            for (var area : byArea.entrySet()) {
                String name = area.getKey() == null ? TreatyWords.NOT_STATED : area.getKey();
                rows.add(new Row(RowKind.GROUP, List.of(name)));
                area.getValue().forEach(i -> rows.add(Row.item(i)));
                rows.add(new Row(RowKind.SUBTOTAL, sums("Subtotal, " + name + " (" + area.getValue().size() + ")",
                        area.getValue(), sums)));
            }
        }
        if (!items.isEmpty()) {
            rows.add(new Row(RowKind.TOTAL, sums("Total (" + items.size() + ")", items, sums)));
        }
        List<Integer> dropped = new ArrayList<>();
        if (!admin2) {
            dropped.add(ADMIN_2);
        }
        if (!admin1) {
            dropped.add(ADMIN_1);
        }
        for (int d : dropped) {
            columns.remove(d);
        }
        List<Row> kept = rows.stream().map(r -> r.kind() == RowKind.GROUP ? r : new Row(r.kind(), without(r.cells(), dropped)))
                .toList();
        return new Table(id, title, columns, kept, empty);
    }

    private static List<Object> without(List<Object> cells, List<Integer> dropped) {
        List<Object> out = new ArrayList<>(cells);
        for (int d : dropped) {
            out.remove(d);
        }
        return out;
    }

    private static List<Object> sums(String label, List<List<Object>> items, int[] summed) {
        Object[] cells = new Object[items.get(0).size()];
        cells[0] = label;
        for (int column : summed) {
            boolean whole = items.stream().map(i -> i.get(column)).allMatch(v -> v == null || v instanceof Long);
            double sum = 0;
            for (List<Object> i : items) {
                Object v = i.get(column);
                sum += v == null ? 0 : ((Number) v).doubleValue();
            }
            cells[column] = whole ? (Object) Math.round(sum) : (Object) sum;
        }
        return Arrays.asList(cells);
    }
}
