-- A Country Coalition of an affected State Party: its partners (a list replaced as a whole) and
-- notes, and the meetings held, which are only ever added. Its funding picture is not stored here:
-- it is read from the latest extension request's work plan and funding.

CREATE TABLE coalition (
    iso3        char(3)     PRIMARY KEY REFERENCES state_party (iso3),
    notes       text        CHECK (length(notes) <= 20000),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coalition_partner (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3      char(3) NOT NULL REFERENCES coalition (iso3),
    position  integer NOT NULL CHECK (position >= 0),
    name      text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind      text    NOT NULL CHECK (kind IN ('state', 'donor', 'operator', 'international-organisation', 'ngo')),
    role      text    CHECK (length(role) <= 500),
    UNIQUE (iso3, position)
);

CREATE TABLE coalition_meeting (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3         char(3)     NOT NULL REFERENCES state_party (iso3),
    held_on      date        NOT NULL,
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    notes        text        CHECK (length(notes) <= 20000),
    recorded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX coalition_meeting_iso3 ON coalition_meeting (iso3, held_on);
