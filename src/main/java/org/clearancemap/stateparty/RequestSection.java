package org.clearancemap.stateparty;

/**
 * The text sections of an extension request: what Article 4(6) of the Convention says a request
 * contains, and the parts of a work plan IMAS 07.13 expects (risk education, gender and
 * diversity, environmental management).
 */
public enum RequestSection {
    REASONS("reasons", "reasons", "4(6)(b)", "Reasons for the proposed extension"),
    MEANS_AVAILABLE("meansAvailable", "means_available", "4(6)(b)", "Financial and technical means available"),
    MEANS_REQUIRED("meansRequired", "means_required", "4(6)(b)", "Financial and technical means required"),
    WORK_STATUS("workStatus", "work_status", "4(6)(c)", "Preparation of future work and status of work already conducted"),
    IMPEDIMENTS("impediments", "impediments", "4(6)(g)", "Circumstances that have impeded and may impede clearance"),
    HUMANITARIAN("humanitarianImplications", "humanitarian_implications", "4(6)(h)", "Humanitarian implications"),
    SOCIAL("socialImplications", "social_implications", "4(6)(h)", "Social implications"),
    ECONOMIC("economicImplications", "economic_implications", "4(6)(h)", "Economic implications"),
    ENVIRONMENTAL("environmentalImplications", "environmental_implications", "4(6)(h)", "Environmental implications"),
    OTHER("other", "other", "4(6)(i)", "Any other information relevant to the request"),
    RISK_EDUCATION("riskEducation", "risk_education", "IMAS 07.13", "Risk education"),
    GENDER_AND_DIVERSITY("genderAndDiversity", "gender_and_diversity", "IMAS 07.13", "Gender and diversity"),
    ENVIRONMENTAL_MANAGEMENT("environmentalManagement", "environmental_management", "IMAS 07.13", "Environmental management");

    /** Longest text a section holds (characters). */
    public static final int MAX_LENGTH = 50_000;

    private final String key;
    private final String column;
    private final String reference;
    private final String title;

    RequestSection(String key, String column, String reference, String title) {
        this.key = key;
        this.column = column;
        this.reference = reference;
        this.title = title;
    }

    /** The JSON field, e.g. {@code meansAvailable}. */
    public String key() {
        return key;
    }

    /** The column of {@code extension_revision}. */
    String column() {
        return column;
    }

    /** Where the section comes from: a paragraph of Article 4(6), or IMAS 07.13. */
    public String reference() {
        return reference;
    }

    public String title() {
        return title;
    }
}
