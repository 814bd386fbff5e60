-- Clearance Map data model (see ../shared/DESIGN.md in the project brief, and README.md).
-- All geometries are MultiPolygon in EPSG:4326; every geometry column has a GiST index; the
-- geodesic area of each row (WGS 84 ellipsoid, m²) is stored beside its geometry.

CREATE EXTENSION IF NOT EXISTS postgis;

-- A State bound by the Convention on Cluster Munitions with Article 4 obligations.
CREATE TABLE state_party (
    iso3              char(3)     PRIMARY KEY CHECK (iso3 ~ '^[A-Z]{3}$'),
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    eif_date          date        NOT NULL,
    original_deadline date        NOT NULL,
    completed_on      date,
    confidence        text,
    source            text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (original_deadline > eif_date)
);

-- Article 4(5)/(8) extension requests and the decisions on them.
CREATE TABLE extension_request (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3             char(3) NOT NULL REFERENCES state_party (iso3),
    meeting          text,
    submitted_on     date,
    requested_until  date,
    status           text    NOT NULL CHECK (status IN ('submitted', 'granted', 'refused', 'withdrawn')),
    granted_until    date,
    decided_on       date,
    confidence       text,
    source           text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'granted' OR granted_until IS NOT NULL),
    CHECK (status = 'granted' OR granted_until IS NULL)
);
CREATE INDEX extension_request_iso3 ON extension_request (iso3);

-- What a State or a monitor reported for one calendar year, in km², with its source.
-- Sources disagree: several rows for the same State and year are kept side by side.
CREATE TABLE reported_figure (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3                    char(3) NOT NULL REFERENCES state_party (iso3),
    year                    integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    remaining_km2           numeric CHECK (remaining_km2 >= 0),
    cancelled_km2           numeric CHECK (cancelled_km2 >= 0),
    reduced_km2             numeric CHECK (reduced_km2 >= 0),
    cleared_km2             numeric CHECK (cleared_km2 >= 0),
    released_km2            numeric CHECK (released_km2 >= 0),
    submunitions_destroyed  integer CHECK (submunitions_destroyed >= 0),
    confidence              text,
    source                  text    NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reported_figure_iso3_year ON reported_figure (iso3, year);

-- Annual targets of a work plan (year -> area to release), e.g. from an extension request.
CREATE TABLE milestone (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3                 char(3) NOT NULL REFERENCES state_party (iso3),
    year                 integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    target_release_sqm   double precision NOT NULL CHECK (target_release_sqm >= 0),
    extension_request_id bigint REFERENCES extension_request (id),
    source               text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (iso3, year)
);

-- API tokens: only a hash of the secret is stored; the secret is shown once at creation.
CREATE TABLE api_token (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text    NOT NULL,
    role          text    NOT NULL CHECK (role IN ('analyst', 'operator', 'coordinator', 'admin')),
    state_parties char(3)[] NOT NULL DEFAULT '{}',
    token_hash    text    NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

-- Every file uploaded (or generated, for the demo), with what it did.
CREATE TABLE upload (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3           char(3) NOT NULL REFERENCES state_party (iso3),
    kind           text    NOT NULL CHECK (kind IN ('hazards', 'releases')),
    token_id       bigint  REFERENCES api_token (id),
    uploaded_by    text    NOT NULL,
    uploaded_at    timestamptz NOT NULL DEFAULT now(),
    file_name      text,
    format         text    NOT NULL,
    content_sha256 text    NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes     bigint  NOT NULL CHECK (size_bytes >= 0),
    features       integer NOT NULL DEFAULT 0,
    inserted       integer NOT NULL DEFAULT 0,
    updated        integer NOT NULL DEFAULT 0,
    unchanged      integer NOT NULL DEFAULT 0,
    repaired       integer NOT NULL DEFAULT 0,
    synthetic      boolean NOT NULL DEFAULT false,
    report         jsonb   NOT NULL DEFAULT '{}'::jsonb,
    -- the identical file uploaded twice to the same place gives back the first report
    UNIQUE (iso3, kind, content_sha256)
);

-- A hazardous area version. A version is valid from recorded_on until valid_until (exclusive):
-- valid_until is set when a newer version supersedes it or when the hazard is retired.
-- Nothing is deleted: superseded and retired versions stay.
CREATE TABLE hazard (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3            char(3) NOT NULL REFERENCES state_party (iso3),
    external_id     text    NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
    version         integer NOT NULL CHECK (version >= 1),
    classification  text    NOT NULL CHECK (classification IN ('SHA', 'CHA')),
    recorded_on     date    NOT NULL,
    valid_until     date,
    retired_on      date,
    retired_reason  text,
    contamination   text,
    evidence        text,
    attributes      jsonb   NOT NULL DEFAULT '{}'::jsonb,
    geom4326        geometry(MultiPolygon, 4326) NOT NULL,
    area_sqm        double precision NOT NULL CHECK (area_sqm >= 0),
    upload_id       bigint  REFERENCES upload (id),
    synthetic       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (iso3, external_id, version),
    CHECK (valid_until IS NULL OR valid_until >= recorded_on),
    CHECK (retired_on IS NULL OR valid_until = retired_on)
);
CREATE INDEX hazard_geom4326 ON hazard USING gist (geom4326);
CREATE INDEX hazard_iso3_validity ON hazard (iso3, recorded_on, valid_until);
-- at most one open (current) version per hazard
CREATE UNIQUE INDEX hazard_one_current ON hazard (iso3, external_id) WHERE valid_until IS NULL;

-- A land release: land cancelled (non-technical survey), reduced (technical survey) or
-- cleared (clearance), completed on a date. Versioned like hazards; a superseded version keeps
-- its row with superseded_at set.
CREATE TABLE land_release (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3                char(3) NOT NULL REFERENCES state_party (iso3),
    external_id         text    NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
    version             integer NOT NULL CHECK (version >= 1),
    method              text    NOT NULL CHECK (method IN ('cancelled', 'reduced', 'cleared')),
    completed_on        date    NOT NULL,
    operator            text,
    items_destroyed     integer CHECK (items_destroyed >= 0),
    hazard_external_id  text,
    attributes          jsonb   NOT NULL DEFAULT '{}'::jsonb,
    geom4326            geometry(MultiPolygon, 4326) NOT NULL,
    area_sqm            double precision NOT NULL CHECK (area_sqm >= 0),
    upload_id           bigint  REFERENCES upload (id),
    synthetic           boolean NOT NULL DEFAULT false,
    superseded_at       timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (iso3, external_id, version)
);
CREATE INDEX land_release_geom4326 ON land_release USING gist (geom4326);
CREATE INDEX land_release_iso3_completed ON land_release (iso3, completed_on);
CREATE UNIQUE INDEX land_release_one_current ON land_release (iso3, external_id) WHERE superseded_at IS NULL;

-- Who did what, when, through which upload. Append-only.
CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    token_id    bigint REFERENCES api_token (id),
    actor       text   NOT NULL,
    action      text   NOT NULL,
    entity      text   NOT NULL,
    entity_id   text,
    iso3        char(3),
    upload_id   bigint REFERENCES upload (id),
    detail      jsonb  NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_event_at ON audit_event (at);
