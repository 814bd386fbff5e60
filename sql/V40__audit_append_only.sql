-- History that loses nothing: the audit trail is append-only and tokens are revoked, never deleted.
-- Indexes for GET /api/audit filters (newest first, by State Party, by action).

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed: rows are kept for the audit trail', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TRIGGER api_token_never_deleted
    BEFORE DELETE ON api_token
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE INDEX audit_event_iso3_at ON audit_event (iso3, at);
CREATE INDEX audit_event_action_at ON audit_event (action, at);
