-- The admin area a hazard or release lies in, as the uploaded file names it: admin1 (province,
-- region: the first-level division), admin2 (district, municipality: the second level) and pcode
-- (the OCHA P-code of the most specific area named). Typed columns, so that reports and queries
-- can group and filter by them; null when the file names none.
ALTER TABLE hazard
    ADD COLUMN admin1 text,
    ADD COLUMN admin2 text,
    ADD COLUMN pcode  text;
ALTER TABLE land_release
    ADD COLUMN admin1 text,
    ADD COLUMN admin2 text,
    ADD COLUMN pcode  text;

-- Versions stored before kept these among their attributes: moved to the columns, with the names
-- and order of preference the upload reads (names compared lower-case, letters and digits only).
CREATE FUNCTION pg_temp.admin_key(attributes jsonb, names text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT k FROM jsonb_each_text(attributes) a(k, v)
     WHERE array_position(names, lower(regexp_replace(k, '[^[:alnum:]]', '', 'g'))) IS NOT NULL
       AND btrim(v) <> ''
     ORDER BY array_position(names, lower(regexp_replace(k, '[^[:alnum:]]', '', 'g')))
     LIMIT 1
$$;

CREATE TEMP TABLE admin_names (field text PRIMARY KEY, names text[] NOT NULL);
INSERT INTO admin_names VALUES
    ('admin1', ARRAY['admin1', 'province', 'adm1en', 'adm1name', 'admin1name', 'admin1nameen', 'admin1en', 'adm1',
                     'region', 'governorate', 'oblast']),
    ('admin2', ARRAY['admin2', 'district', 'adm2en', 'adm2name', 'admin2name', 'admin2nameen', 'admin2en', 'adm2',
                     'municipality', 'raion']),
    ('pcode',  ARRAY['pcode', 'adm2pcode', 'admin2pcode', 'adm1pcode', 'admin1pcode']);

CREATE TEMP TABLE hazard_admin ON COMMIT DROP AS
SELECT id, pg_temp.admin_key(attributes, (SELECT names FROM admin_names WHERE field = 'admin1')) AS k1,
           pg_temp.admin_key(attributes, (SELECT names FROM admin_names WHERE field = 'admin2')) AS k2,
           pg_temp.admin_key(attributes, (SELECT names FROM admin_names WHERE field = 'pcode')) AS kp
  FROM hazard WHERE attributes <> '{}'::jsonb;
UPDATE hazard h
   SET admin1 = btrim(h.attributes ->> a.k1), admin2 = btrim(h.attributes ->> a.k2),
       pcode = btrim(h.attributes ->> a.kp),
       attributes = h.attributes - coalesce(a.k1, '') - coalesce(a.k2, '') - coalesce(a.kp, '')
  FROM hazard_admin a
 WHERE h.id = a.id AND (a.k1 IS NOT NULL OR a.k2 IS NOT NULL OR a.kp IS NOT NULL);

CREATE TEMP TABLE release_admin ON COMMIT DROP AS
SELECT id, pg_temp.admin_key(attributes, (SELECT names FROM admin_names WHERE field = 'admin1')) AS k1,
           pg_temp.admin_key(attributes, (SELECT names FROM admin_names WHERE field = 'admin2')) AS k2,
           pg_temp.admin_key(attributes, (SELECT names FROM admin_names WHERE field = 'pcode')) AS kp
  FROM land_release WHERE attributes <> '{}'::jsonb;
UPDATE land_release r
   SET admin1 = btrim(r.attributes ->> a.k1), admin2 = btrim(r.attributes ->> a.k2),
       pcode = btrim(r.attributes ->> a.kp),
       attributes = r.attributes - coalesce(a.k1, '') - coalesce(a.k2, '') - coalesce(a.kp, '')
  FROM release_admin a
 WHERE r.id = a.id AND (a.k1 IS NOT NULL OR a.k2 IS NOT NULL OR a.kp IS NOT NULL);

DROP TABLE admin_names;
DROP FUNCTION pg_temp.admin_key(jsonb, text[]);

-- The views of V43 list the tables' columns as they were when made: made again with the new ones.
DROP VIEW land.current_hazard;
DROP VIEW land.current_release;
DROP VIEW land.hazard_version;
DROP VIEW land.release_version;

CREATE VIEW land.hazard_version AS
SELECT h.*, h.valid_until IS NULL AS is_current FROM hazard h;

CREATE VIEW land.release_version AS
SELECT r.*, r.superseded_at IS NULL AS is_current FROM land_release r;

CREATE VIEW land.current_hazard AS
SELECT * FROM land.hazard_version WHERE is_current;

CREATE VIEW land.current_release AS
SELECT * FROM land.release_version WHERE is_current;
