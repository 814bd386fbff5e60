/**
 * Lausanne Action Plan indicators: the registry coordinators load (each load a new version, the
 * earlier ones kept), the values recorded per State Party and year with their history, and the
 * measures the server can compute for an indicator bound to one. The tables' SQL is all in
 * {@link org.clearancemap.lap.LapRepository}.
 */
package org.clearancemap.lap;
