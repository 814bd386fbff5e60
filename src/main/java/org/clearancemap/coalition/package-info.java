/**
 * Country Coalitions (DESIGN.md, "Lausanne Action Plan indicators and Country Coalitions"): for an
 * affected State Party, its partners, the meetings held and the funding picture per year, and the
 * coordinators' outreach view across States Parties.
 *
 * <p>Terms:
 * <ul>
 *   <li><b>affected State Party</b>: one that has not declared completion (on or before the day
 *       asked about).</li>
 *   <li><b>partner</b> ({@link org.clearancemap.coalition.Partner}): a State, donor, operator,
 *       international organisation or NGO working with the State, with its role.</li>
 *   <li><b>funding picture</b> ({@link org.clearancemap.coalition.FundingPicture}): per year of the
 *       latest extension request's latest revision, the budget needed, the funding pledged, secured
 *       and disbursed, and the gap = needed − (secured + disbursed). It is read from the request's
 *       own work plan and funding, never stored a second time.</li>
 *   <li><b>coalition exists</b>: partners or meetings are recorded.</li>
 * </ul>
 */
package org.clearancemap.coalition;
