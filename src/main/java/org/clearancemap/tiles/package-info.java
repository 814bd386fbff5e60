/**
 * Mapbox Vector Tiles of the collections at {@code /tiles/{collection}/{z}/{x}/{y}.mvt} (XYZ
 * scheme, Web Mercator, as Leaflet and MapLibre ask for them), and a TileJSON document per
 * collection at {@code /tiles/{collection}.json}.
 *
 * <ul>
 *   <li><b>Tile</b>: hazards and releases: one prepared SQL round trip: the tile's envelope
 *       ({@code ST_TileEnvelope}), the rows found through the GiST index, clipped and quantised by
 *       {@code ST_AsMVTGeom}, encoded by {@code ST_AsMVT} in id order. Remaining land: the area
 *       engine's remaining land of each State Party (the same as the OGC {@code remaining}
 *       collection), clipped to the tile in Java and encoded by PostGIS in one round trip.
 *       Aggregates: below {@link org.clearancemap.progress.Aggregates#POLYGONS_LEGIBLE_ZOOM} every
 *       tile carries a second layer, {@code aggregates}: the cells of every State Party at the
 *       tile's zoom and today's date, one point each with the geodesic areas it stands for,
 *       encoded by PostGIS from the cells' values and appended (a tile is a sequence of layers).
 *       An empty tile is 204.</li>
 *   <li><b>Cache</b>: {@link org.clearancemap.tiles.TileCache} keeps recently served tiles ready
 *       to send (bytes, gzipped once, ETag) within {@code TILE_CACHE_MAX_BYTES}, least recently
 *       used out first. Every upload or retirement drops the cached tiles before it answers; writes
 *       by other processes are seen through the data version within a second.</li>
 *   <li><b>Freshness</b>: tiles carry an ETag from their bytes (304 on {@code If-None-Match}) and
 *       {@code Cache-Control: max-age=TILE_CACHE_MAX_AGE_S} (short). The TileJSON URL template
 *       carries {@code v}, a fingerprint of the data that changes with every upload, so a client
 *       that reloads the TileJSON after an upload asks for new URLs and never sees a cached old
 *       tile; one that keeps old URLs sees the new data after at most the max-age.</li>
 * </ul>
 */
package org.clearancemap.tiles;
