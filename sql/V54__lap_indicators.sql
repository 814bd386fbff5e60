-- Lausanne Action Plan indicators: registry versions (each load is a new version, earlier ones kept),
-- their indicators, and the values recorded per State Party, indicator and year (append-only: the
-- latest row is the value, the earlier rows its history).
CREATE TABLE lap_registry (
    version     integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
    loaded_by   text        NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    synthetic   boolean     NOT NULL DEFAULT false
);

CREATE TABLE lap_indicator (
    version     integer NOT NULL REFERENCES lap_registry (version),
    id          text    NOT NULL CHECK (id ~ '^[A-Za-z0-9._-]{1,40}$'),
    position    integer NOT NULL,
    action      integer NOT NULL CHECK (action BETWEEN 1 AND 100),
    text        text    NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    kind        text    NOT NULL CHECK (kind IN ('yes-no', 'count', 'percentage', 'area')),
    measure     text,
    PRIMARY KEY (version, id)
);

CREATE TABLE lap_value (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso3         char(3)     NOT NULL REFERENCES state_party (iso3),
    indicator_id text        NOT NULL,
    year         integer     NOT NULL,
    version      integer     NOT NULL,
    value        jsonb       NOT NULL,
    override     boolean     NOT NULL DEFAULT false,
    source       text        NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
    note         text        CHECK (length(note) <= 2000),
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    synthetic    boolean     NOT NULL DEFAULT false,
    FOREIGN KEY (version, indicator_id) REFERENCES lap_indicator (version, id)
);

CREATE INDEX lap_value_lookup ON lap_value (iso3, indicator_id, year, id);
