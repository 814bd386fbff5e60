-- Writes to hazards and land releases are announced on channel mapped_land_changed, once per
-- State Party per transaction (NOTIFY merges equal payloads), with its ISO3 code ('*' for a
-- TRUNCATE), after the writing transaction commits: a running server then forgets the figures of
-- that State Party, whoever wrote (this server, another process, plain SQL, a restore).
-- Statement triggers with transition tables: one notice per State Party, not one per row.

CREATE FUNCTION announce_mapped_land_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- each branch names only the transition tables its event has
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('mapped_land_changed', iso3) FROM (SELECT DISTINCT iso3 FROM new_rows) AS changed;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM pg_notify('mapped_land_changed', iso3)
           FROM (SELECT iso3 FROM old_rows UNION SELECT iso3 FROM new_rows) AS changed;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('mapped_land_changed', iso3) FROM (SELECT DISTINCT iso3 FROM old_rows) AS changed;
    ELSE
        PERFORM pg_notify('mapped_land_changed', '*');
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER hazard_inserted AFTER INSERT ON hazard REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
CREATE TRIGGER hazard_updated AFTER UPDATE ON hazard REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
CREATE TRIGGER hazard_deleted AFTER DELETE ON hazard REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
CREATE TRIGGER hazard_truncated AFTER TRUNCATE ON hazard
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();

CREATE TRIGGER land_release_inserted AFTER INSERT ON land_release REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
CREATE TRIGGER land_release_updated AFTER UPDATE ON land_release REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
CREATE TRIGGER land_release_deleted AFTER DELETE ON land_release REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
CREATE TRIGGER land_release_truncated AFTER TRUNCATE ON land_release
    FOR EACH STATEMENT EXECUTE FUNCTION announce_mapped_land_change();
