/**
 * The database machinery every feature shares; no feature's SQL lives here.
 *
 * <p>What it holds: the connection pool and the Flyway migrations ({@link org.clearancemap.db.Database}),
 * the connection that hears PostgreSQL notifications ({@link org.clearancemap.db.NotificationListener}),
 * streaming {@code COPY ... FROM STDIN} ({@link org.clearancemap.db.CopyRows} text,
 * {@link org.clearancemap.db.BinaryCopyRows} binary), and small helpers for queries whose rows
 * PostgreSQL writes as JSON or GeoJSON, so that the server passes them through unparsed.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Every connection comes from the pool and carries the statement timeout
 *       ({@code DB_STATEMENT_TIMEOUT_MS}); the pool gives up on a connection after 3 s. Creating the
 *       pool never touches the database, so a server starts, and answers 503, while PostgreSQL is
 *       down, and recovers by itself when it is back.</li>
 *   <li>Writes take {@code Database.dataSource()} (the primary); the reads a hot standby may serve
 *       (map layers, OGC, tiles, reports, State Party records, the geometry the figures are
 *       computed from) take {@code Database.reads()} and nothing else: where a read goes is decided
 *       there alone. A repository on {@code reads()} never writes.</li>
 *   <li>Values are always bound parameters; identifiers never come from a request.</li>
 *   <li>SQL is a text-block constant at the top of the class that runs it, in the feature package
 *       that owns the table.</li>
 *   <li>A failure is wrapped with what was being done ({@link org.clearancemap.db.DataAccessException});
 *       the problem mapper of {@code http} turns an unreachable database into 503, a cancelled
 *       statement into 503 {@code database-timeout}, anything else into 500. SQL text never
 *       reaches a response.</li>
 *   <li>Schema changes are new migrations {@code sql/V<n>__...}; a merged migration is never
 *       edited.</li>
 * </ul>
 */
package org.clearancemap.db;
