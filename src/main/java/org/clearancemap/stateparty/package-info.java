/**
 * States Parties of the Convention on Cluster Munitions, their treaty records and where each
 * stands against its Article 4 deadline (DESIGN.md, "Domain vocabulary" and "Deadline analytics").
 *
 * <p>Terms:
 * <ul>
 *   <li><b>State Party</b>: a State bound by the Convention, known by its ISO 3166-1 alpha-3 code
 *       ({@link org.clearancemap.stateparty.StateParty}).</li>
 *   <li><b>entry into force</b> ({@code eifDate}): the date the Convention binds that State; the
 *       yearly balance starts there.</li>
 *   <li><b>original deadline</b>: entry into force + 10 years (Art. 4(1)(a)), unless recorded
 *       otherwise. <b>Current deadline</b>: the latest granted extension, else the original.</li>
 *   <li><b>extension</b> ({@link org.clearancemap.stateparty.Extension}): a request for up to 5
 *       more years from the current deadline (Art. 4(5)), renewable (Art. 4(8)); {@code submitted},
 *       then {@code granted} (until a date a meeting may set shorter), {@code refused} or
 *       {@code withdrawn}.</li>
 *   <li><b>declaration of completion</b> ({@code completedOn}): the State's declaration that no
 *       contaminated area remains.</li>
 *   <li><b>reported figures</b> ({@link org.clearancemap.stateparty.ReportedFigure}): what a State
 *       or a monitor reported per year in km², each with its source, kept beside what is mapped.
 *       <b>Milestones</b>: the yearly release targets of a work plan.</li>
 *   <li><b>standing</b> ({@link org.clearancemap.stateparty.Standing}): a State Party's mapped
 *       figures on a date with its {@link org.clearancemap.stateparty.Deadline}: annual rate,
 *       required rate, projected completion and <b>status</b> ({@code completed},
 *       {@code on-track}, {@code at-risk}, {@code off-track}, {@code no-data}); on the
 *       {@code reported} basis when nothing is mapped and reported figures stand in.</li>
 * </ul>
 *
 * <p>The figures themselves (footprint, remaining, released, the yearly balance) come from the
 * area engine ({@code progress}), which knows ISO3 codes, dates and geometry and nothing of these
 * records. Writes of the records are a coordinator's, each audited.
 */
package org.clearancemap.stateparty;
