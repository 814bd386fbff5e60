package org.clearancemap.tiles;

import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * A tile in the XYZ scheme: zoom {@code z}, column {@code x} from the west, row {@code y} from the
 * north; x and y in [0, 2^z).
 */
public record TileAddress(int z, int x, int y) {

    /** Checks the path values; 400 naming the one that is not a whole number or lies outside the grid. */
    public static TileAddress parse(String z, String x, String y, int minZoom, int maxZoom) {
        int zoom = integer("z", z);
        if (zoom < minZoom || zoom > maxZoom) {
            throw ApiException.BadRequest.parameter("z", "z must lie between " + minZoom + " and " + maxZoom + " (got " + zoom + ").");
        }
        int column = integer("x", x);
        int row = integer("y", y);
        long size = 1L << zoom;
        if (column < 0 || column >= size) {
            throw ApiException.BadRequest.parameter("x", "x must lie between 0 and " + (size - 1) + " at zoom " + zoom + " (got " + column + ").");
        }
        if (row < 0 || row >= size) {
            throw ApiException.BadRequest.parameter("y", "y must lie between 0 and " + (size - 1) + " at zoom " + zoom + " (got " + row + ").");
        }
        return new TileAddress(zoom, column, row);
    }

    private static int integer(String name, String raw) {
        if (raw == null || !raw.matches("\\d{1,9}")) {
            throw ApiException.BadRequest.parameter(name, name + " must be a whole number (got '" + Params.abbreviate(raw) + "').");
        }
        return Integer.parseInt(raw);
    }

    /** West longitude of column {@code x} at this zoom, in degrees. */
    static double longitude(int x, int z) {
        return x / Math.pow(2, z) * 360.0 - 180.0;
    }

    /** North latitude of row {@code y} at this zoom (Web Mercator), in degrees. */
    static double latitude(int y, int z) {
        double n = Math.PI - 2.0 * Math.PI * y / Math.pow(2, z);
        return Math.toDegrees(Math.atan(Math.sinh(n)));
    }

    /**
     * The tile's box in WGS 84, grown by {@code bufferFraction} of its size on each side and clamped
     * to the Web Mercator world: minLon, minLat, maxLon, maxLat. Finds the rows through the index.
     */
    public double[] bounds4326(double bufferFraction) {
        double b = bufferFraction;
        double west = longitude(x, z);
        double east = longitude(x + 1, z);
        double dx = (east - west) * b;
        double north = latitude(Math.max(0, y), z);
        double south = latitude(y + 1, z);
        double northBuffered = y == 0 ? 90 : latitude(y, z) + (north - south) * b;
        double southBuffered = y + 1 == (1 << z) ? -90 : south - (north - south) * b;
        return new double[] {Math.max(-180, west - dx), Math.max(-90, southBuffered), Math.min(180, east + dx),
                Math.min(90, northBuffered)};
    }
}
