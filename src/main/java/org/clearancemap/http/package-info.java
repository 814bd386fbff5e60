/**
 * What every HTTP route shares: errors as problem documents, parameter parsing, request ids and
 * the one JSON configuration. Every feature package may import it; it imports none.
 *
 * <h2>Errors</h2>
 * A route throws a typed {@link org.clearancemap.http.ApiException}; it never writes an error
 * response itself. {@link org.clearancemap.http.ProblemMapper} writes every error, Javalin's own
 * included, as RFC 9457 {@code application/problem+json} with {@code type}
 * ({@code urn:clearance-map:problem:<name>}), {@code title}, {@code status}, {@code detail},
 * {@code instance} (the path) and the problem's extra members. The statuses:
 * <ul>
 *   <li>400 a malformed parameter or body field ({@code bad-parameter} names the parameter);</li>
 *   <li>401 no valid token (with {@code WWW-Authenticate: Bearer}), 403 a token whose role or
 *       State Parties do not allow the request;</li>
 *   <li>404 the thing named in the path does not exist; 405 a method the path does not take;</li>
 *   <li>409 a conflict with what is stored; 413 a body or file over its limit; 415 a format the
 *       endpoint does not take; 422 well-formed but invalid content, each problem with its
 *       location; 429 too many writes with one token (with {@code Retry-After});</li>
 *   <li>503 the database unreachable or too slow (with {@code Retry-After});</li>
 *   <li>500 anything unexpected: a generic detail and the request id; the stack trace goes to the
 *       log only.</li>
 * </ul>
 * A detail is written for the person who sent the request: it never holds SQL, stack traces or
 * other internals.
 *
 * <h2>Parameters and JSON</h2>
 * {@link org.clearancemap.http.Params} parses query and path parameters into domain values, or a
 * 400 naming the parameter. {@link org.clearancemap.http.Json} is the one JSON mapper of the
 * server (Javalin's included). Every request gets an id ({@link org.clearancemap.http.RequestIds},
 * header {@code X-Request-Id}) that the request log and 500s quote.
 */
package org.clearancemap.http;
