-- A revoked token stops working at once on every running server: whatever revokes it (the token
-- command, DELETE /api/tokens/{id}, plain SQL), the row's change is announced on channel
-- api_token_revoked with the token's id, after the revoking transaction commits (NOTIFY semantics).

CREATE FUNCTION announce_token_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('api_token_revoked', NEW.id::text);
    RETURN NEW;
END;
$$;

CREATE TRIGGER api_token_revoked
    AFTER UPDATE OF revoked_at ON api_token
    FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL)
    EXECUTE FUNCTION announce_token_revocation();
