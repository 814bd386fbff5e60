package org.clearancemap.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the map draws where polygons are too small to see: a State Party's land on a date gathered
 * into the cells of a lon/lat grid, {@link #CELL_PIXELS} screen pixels wide at the zoom asked
 * for. Each cluster of the area engine falls in the cell of its centre, whole, so a cell stands
 * for the geodesic areas of the clusters it holds and the cells add up to the State Party's
 * figures. Computed from the clusters' figures kept by {@link ProgressCache}, once per State
 * Party, date and zoom, and forgotten with them when anything of that State Party is written.
 */
public final class Aggregates {
    /** How wide a cell is on the screen, in CSS pixels of a 256-pixel tile. */
    public static final int CELL_PIXELS = 64;
    public static final int MIN_ZOOM = 0;
    public static final int MAX_ZOOM = 14;
    /**
     * From this zoom on a State Party's polygons are big enough to read, and the aggregates give way
     * to them: the map page draws aggregates below it (it learns the zoom from {@code /page-settings})
     * and vector tiles carry them below it.
     */
    public static final int POLYGONS_LEGIBLE_ZOOM = 11;
    private final ProgressCache progress;

    public Aggregates(ProgressCache progress) {
        this.progress = progress;
    }

    /**
     * One cell: where its land lies (the centres of its clusters, weighted by their area), its
     * bounds, how many clusters it holds and their figures added up.
     */
    public record Cell(double lon, double lat, double west, double south, double east, double north,
            int clusters, AreaFigures figures) {
    }

    /** The cells of {@code iso3} on {@code date} at zoom {@code z}, holding land at that date. */
    public List<Cell> of(String iso3, LocalDate date, int z) {
        if (z < MIN_ZOOM || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom " + z + " is outside " + MIN_ZOOM + ".." + MAX_ZOOM);
        }
        return progress.derived(iso3, what(z), date, () -> cells(progress.clusterFiguresOn(iso3, date), z));
    }

    /** Computes and keeps the cells of {@code iso3} on {@code date} at every zoom below {@link #POLYGONS_LEGIBLE_ZOOM}. */
    public void warm(String iso3, LocalDate date) {
        for (int z = MIN_ZOOM; z < POLYGONS_LEGIBLE_ZOOM; z++) {
            of(iso3, date, z);
        }
    }

    private static String what(int z) {
        return "aggregates z" + z;
    }

    /** The width and height of a cell at zoom {@code z}, in degrees. */
    public static double cellDegrees(int z) {
        return 360.0 / (1L << z) * CELL_PIXELS / 256.0;
    }

    static List<Cell> cells(List<ProgressCache.ClusterFigures> clusters, int z) {
        double size = cellDegrees(z);
        Map<List<Long>, Sum> byCell = new LinkedHashMap<>();
        for (ProgressCache.ClusterFigures c : clusters) {
            AreaFigures f = c.figures();
            double weight = f.footprintSqm() + f.releasedOutsideHazardsSqm();
            if (weight <= 0) {
                continue; // nothing of it recorded or released by that date
            }
            long column = (long) Math.floor((c.centre().x + 180) / size);
            long row = (long) Math.floor((c.centre().y + 90) / size);
            Sum sum = byCell.computeIfAbsent(List.of(column, row), k -> new Sum());
            sum.figures = sum.figures.plus(f);
            sum.weight += weight;
            sum.lon += weight * c.centre().x;
            sum.lat += weight * c.centre().y;
            sum.clusters++;
        }
        List<Cell> cells = new ArrayList<>(byCell.size());
        byCell.forEach((key, sum) -> {
            double west = key.get(0) * size - 180;
            double south = key.get(1) * size - 90;
            cells.add(new Cell(sum.lon / sum.weight, sum.lat / sum.weight, west, south, west + size, south + size,
                    sum.clusters, sum.figures));
        });
        return List.copyOf(cells);
    }

    private static final class Sum {
        AreaFigures figures = AreaFigures.ZERO;
        double weight;
        double lon;
        double lat;
        int clusters;
    }
}
