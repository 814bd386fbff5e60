-- Writes to hazards and land releases are announced on channel mapped_land_changed, once per
-- State Party per statement, with its ISO3 code ('*' for a TRUNCATE), after the writing
-- transaction commits (NOTIFY semantics): a running server then forgets the figures of that
-- State Party, whoever wrote (this server, another process, plain SQL, a restore).

CREATE FUNCTION announce_mapped_land_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mapped_land_changed', iso3) FROM (SELECT DISTINCT iso3 FROM new_rows) AS changed;
    RETURN NULL;
END;
$$;

CREATE FUNCTION announce_mapped_land_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mapped_land_changed', iso3) FROM (SELECT DISTINCT iso3 FROM old_rows) AS changed;
    RETURN NULL;
END;
$$;

CREATE FUNCTION announce_mapped_land_changed_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mapped_land_changed', iso3)
       FROM (SELECT iso3 FROM old_rows UNION SELECT iso3 FROM new_rows) AS changed;
    RETURN NULL;
END;
$$;

CREATE FUNCTION announce_mapped_land_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mapped_land_changed', '*');
    RETURN NULL;
END;
$$;

CREATE TRIGGER hazard_inserted AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_new_rows();
CREATE TRIGGER hazard_updated AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_changed_rows();
CREATE TRIGGER hazard_deleted AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_old_rows();
CREATE TRIGGER hazard_truncated AFTER TRUNCATE ON hazard
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_truncated();

CREATE TRIGGER land_release_inserted AFTER INSERT ON land_release REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_new_rows();
CREATE TRIGGER land_release_updated AFTER UPDATE ON land_release REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_changed_rows();
CREATE TRIGGER land_release_deleted AFTER DELETE ON land_release REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_old_rows();
CREATE TRIGGER land_release_truncated AFTER TRUNCATE ON land_release
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_truncated();
