-- What "current" means, said once. A hazard version is current while it has no valid_until
-- (neither superseded by a newer version nor retired); a land release version is current until a
-- newer version supersedes it. Every query that means "current" reads these views; being plain
-- views, the planner folds them into the query and the tables' indexes (GiST on geom4326, the
-- partial unique indexes on the current version) serve it as before. The views live in schema
-- land, beside the tables of public rather than among them.
CREATE SCHEMA land;

-- Every version, with whether it is the current one.
CREATE VIEW land.hazard_version AS
SELECT h.*, h.valid_until IS NULL AS is_current FROM hazard h;

CREATE VIEW land.release_version AS
SELECT r.*, r.superseded_at IS NULL AS is_current FROM land_release r;

-- The current version of each hazard and release.
CREATE VIEW land.current_hazard AS
SELECT * FROM land.hazard_version WHERE is_current;

CREATE VIEW land.current_release AS
SELECT * FROM land.release_version WHERE is_current;
