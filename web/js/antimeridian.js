// Shapes that cross the antimeridian, made drawable on a flat map; no page state, so any page may
// import it (the map page's basemap and outlines, the OGC API pages' small maps).

/**
 * world-atlas stitches shapes across the antimeridian (Russia, Fiji), which is right on a sphere
 * but draws a line across the whole world on a flat map. Rings that jump are moved to one side
 * (longitudes beyond ±180 are fine for Leaflet); lines are cut at the jump.
 */
export function withoutAntimeridianJumps(geometry) {
  if (!geometry) return geometry;
  const jumps = (points) => points.some((point, i) => i > 0 && Math.abs(point[0] - points[i - 1][0]) > 180);
  const unwrapRing = (ring) => {
    if (!jumps(ring)) return ring;
    const east = ring.filter((point) => point[0] >= 0).length >= ring.length / 2;
    return ring.map(([lon, lat]) => [east && lon < 0 ? lon + 360 : !east && lon > 0 ? lon - 360 : lon, lat]);
  };
  const splitLine = (line) => {
    const pieces = [[line[0]]];
    for (let i = 1; i < line.length; i++) {
      if (Math.abs(line[i][0] - line[i - 1][0]) > 180) pieces.push([]);
      pieces[pieces.length - 1].push(line[i]);
    }
    return pieces.filter((piece) => piece.length > 1);
  };
  switch (geometry.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(unwrapRing) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
    case 'LineString':
      return { type: 'MultiLineString', coordinates: splitLine(geometry.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.flatMap(splitLine) };
    default:
      return geometry;
  }
}
