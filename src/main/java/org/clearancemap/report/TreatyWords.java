package org.clearancemap.report;

import java.util.Locale;
import org.clearancemap.land.Classification;
import org.clearancemap.land.ReleaseMethod;
import org.clearancemap.stateparty.Deadline;

/**
 * The Convention on Cluster Munitions' words (Dublin, 30 May 2008), quoted where a report answers a
 * provision, and the land-release terms of the International Mine Action Standards (IMAS 07.11) for
 * what the treaty leaves unnamed. Every label a document shows comes from here.
 */
final class TreatyWords {
    static final String CONVENTION = "Convention on Cluster Munitions";

    static final String ART_7_1_H = "The size and location of all cluster munition contaminated areas under its "
            + "jurisdiction or control, to the extent possible, including as much detail as possible regarding the "
            + "type and quantity of each type of cluster munition remnant in each such area and when they were used.";
    static final String ART_7_1_I = "The status and progress of programmes for the clearance and destruction of all "
            + "types and quantities of cluster munition remnants cleared and destroyed in accordance with Article 4 of "
            + "this Convention, to include the size and location of the cluster munition contaminated area cleared and "
            + "the quantity of each type of cluster munition remnant cleared and destroyed.";
    static final String ART_4_6_D = "The total area containing cluster munition remnants at the time of entry into "
            + "force of this Convention for that State Party and any additional areas containing cluster munition "
            + "remnants discovered after such entry into force.";
    static final String ART_4_6_E = "The total area containing cluster munition remnants cleared since entry into "
            + "force of this Convention.";
    static final String ART_4_6_F = "The total area containing cluster munition remnants remaining to be cleared "
            + "during the proposed extension.";

    static final String ART_4_6_SUBMISSION = "A request for an extension shall be submitted to a Meeting of States "
            + "Parties or a Review Conference prior to the expiry of the time period referred to in paragraph 1 of this "
            + "Article for that State Party. Each request shall be submitted a minimum of nine months prior to the Meeting "
            + "of States Parties or Review Conference at which it is to be considered.";

    static final String STATE_PARTY = "State Party";
    static final String ADMIN_1 = "Province or region";
    static final String ADMIN_2 = "District";
    static final String NOT_STATED = "Administrative area not stated";
    static final String LONGITUDE = "Longitude (WGS 84)";
    static final String LATITUDE = "Latitude (WGS 84)";
    static final String REMNANTS_DESTROYED = "Cluster munition remnants destroyed";

    private TreatyWords() {
    }

    /** "Confirmed hazardous area" or "Suspected hazardous area" (IMAS 07.11). */
    static String classification(Classification c) {
        return c == Classification.CHA ? "Confirmed hazardous area" : "Suspected hazardous area";
    }

    /** How land was released (IMAS 07.11): cancelled by non-technical survey, reduced by technical survey, cleared. */
    static String method(ReleaseMethod m) {
        return switch (m) {
            case CANCELLED -> "Cancelled (non-technical survey)";
            case REDUCED -> "Reduced (technical survey)";
            case CLEARED -> "Cleared";
        };
    }

    /** A deadline status in words. */
    static String status(Deadline.Status s) {
        return switch (s) {
            case COMPLETED -> "Completed";
            case DEADLINE_PASSED -> "Deadline passed";
            case ON_TRACK -> "On track: projected completion by the deadline";
            case AT_RISK -> "At risk: projected completion within a year after the deadline";
            case OFF_TRACK -> "Off track: projected completion more than a year after the deadline, or no release";
            case NO_DATA -> "No data: nothing mapped and no figure reported";
        };
    }

    /** "mapped polygons" or "figures reported by the State or monitors". */
    static String basis(String basis) {
        return "reported".equals(basis.toLowerCase(Locale.ROOT))
                ? "figures reported by the State Party or monitors (nothing is mapped)"
                : "the mapped polygons";
    }
}
