package org.clearancemap.land;

/**
 * The admin area a hazard or release lies in, as its file names it; each part null when not named.
 *
 * @param admin1 the first-level division (province, region, governorate, oblast)
 * @param admin2 the second-level division (district, municipality)
 * @param pcode  the OCHA P-code of the most specific area named
 */
public record AdminArea(String admin1, String admin2, String pcode) {

    public static final AdminArea NONE = new AdminArea(null, null, null);
}
