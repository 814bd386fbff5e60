-- An extension request keeps every revision the State Party submitted (the initial request, and
-- each revision after the Analysis Group's questions), the questions and answers exchanged, and
-- the decision. A revision holds what Article 4(6) says a request contains: the sections as text,
-- the figures (d), (e), (f) as the State states them (km²), a costed work plan and its funding.
--
-- The request row keeps the decision (status, granted_until, decided_on, the meeting that took it,
-- benchmarks); what the State submitted lives in the revisions only.

CREATE TABLE extension_revision (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    extension_request_id        bigint  NOT NULL REFERENCES extension_request (id),
    number                      integer NOT NULL CHECK (number >= 1),
    meeting                     text,
    meeting_date                date,
    submitted_on                date,
    requested_until             date,
    interim                     boolean NOT NULL DEFAULT false,
    reasons                     text,
    means_available             text,
    means_required              text,
    work_status                 text,
    impediments                 text,
    humanitarian_implications   text,
    social_implications         text,
    economic_implications       text,
    environmental_implications  text,
    other                       text,
    risk_education              text,
    gender_and_diversity        text,
    environmental_management    text,
    contaminated_at_eif_km2     numeric CHECK (contaminated_at_eif_km2 >= 0),
    discovered_since_eif_km2    numeric CHECK (discovered_since_eif_km2 >= 0),
    released_since_eif_km2      numeric CHECK (released_since_eif_km2 >= 0),
    remaining_km2               numeric CHECK (remaining_km2 >= 0),
    source                      text,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (extension_request_id, number)
);

-- A year of a revision's work plan: the area to cancel, reduce and clear, teams and budget needed.
CREATE TABLE work_plan_year (
    revision_id        bigint  NOT NULL REFERENCES extension_revision (id),
    year               integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    cancel_km2         numeric NOT NULL DEFAULT 0 CHECK (cancel_km2 >= 0),
    reduce_km2         numeric NOT NULL DEFAULT 0 CHECK (reduce_km2 >= 0),
    clear_km2          numeric NOT NULL DEFAULT 0 CHECK (clear_km2 >= 0),
    teams              integer CHECK (teams >= 0),
    budget_needed_usd  numeric CHECK (budget_needed_usd >= 0),
    PRIMARY KEY (revision_id, year)
);

-- Money for a revision's plan, per year and source (the national budget, a named donor).
CREATE TABLE work_plan_funding (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    revision_id  bigint  NOT NULL REFERENCES extension_revision (id),
    year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    source       text    NOT NULL,
    amount_usd   numeric NOT NULL CHECK (amount_usd >= 0),
    status       text    NOT NULL CHECK (status IN ('pledged', 'secured', 'disbursed'))
);
CREATE INDEX work_plan_funding_revision ON work_plan_funding (revision_id);

-- The exchange with the Analysis Group: a question, and later its answer.
CREATE TABLE extension_question (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    extension_request_id  bigint NOT NULL REFERENCES extension_request (id),
    asked_on              date   NOT NULL,
    asked_by              text,
    question              text   NOT NULL,
    answer                text,
    answered_on           date,
    created_at            timestamptz NOT NULL DEFAULT now(),
    CHECK ((answer IS NULL) = (answered_on IS NULL))
);
CREATE INDEX extension_question_request ON extension_question (extension_request_id);

-- Every request recorded so far becomes its first revision.
INSERT INTO extension_revision (extension_request_id, number, meeting, submitted_on, requested_until, source, created_at)
SELECT id, 1, meeting, submitted_on, requested_until, source, created_at FROM extension_request;

ALTER TABLE extension_request RENAME COLUMN meeting TO decided_at_meeting;
UPDATE extension_request SET decided_at_meeting = NULL WHERE status = 'submitted';
ALTER TABLE extension_request DROP COLUMN submitted_on, DROP COLUMN requested_until,
    ADD COLUMN benchmarks text;

-- A request with its first and latest revisions' facts: when it was submitted (the first
-- revision), what it asks for now (the latest).
CREATE VIEW extension_request_summary AS
SELECT e.id, e.iso3, e.status, e.granted_until, e.decided_on, e.decided_at_meeting, e.benchmarks, e.confidence,
       e.source, e.created_at, first.submitted_on, latest.meeting, latest.meeting_date, latest.requested_until,
       latest.interim, latest.id AS latest_revision_id, latest.number AS revisions
  FROM extension_request e
  JOIN LATERAL (SELECT * FROM extension_revision r WHERE r.extension_request_id = e.id
                 ORDER BY number LIMIT 1) first ON true
  JOIN LATERAL (SELECT * FROM extension_revision r WHERE r.extension_request_id = e.id
                 ORDER BY number DESC LIMIT 1) latest ON true;
