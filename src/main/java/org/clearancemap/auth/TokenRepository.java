package org.clearancemap.auth;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.db.DataAccessException;

/** The {@code api_token} table: tokens are created and revoked, never deleted, and only their hash is kept. */
public final class TokenRepository {
    private static final String INSERT = """
            INSERT INTO api_token (name, role, state_parties, token_hash)
            VALUES (?, ?, ?::char(3)[], ?)
            RETURNING id
            """;
    private static final String KNOWN_STATE_PARTIES = """
            SELECT iso3 FROM state_party WHERE iso3 = ANY (?::char(3)[])
            """;
    private static final String LIST = """
            SELECT id, name, role, state_parties::text[] AS state_parties, created_at, revoked_at, last_used_at
            FROM api_token
            ORDER BY id
            """;
    private static final String BY_HASH = """
            SELECT id, name, role, state_parties::text[] AS state_parties, revoked_at
            FROM api_token
            WHERE token_hash = ?
            """;
    private static final String REVOKE = """
            UPDATE api_token SET revoked_at = now()
            WHERE id = ? AND revoked_at IS NULL
            RETURNING name
            """;
    private static final String TOUCH = """
            UPDATE api_token SET last_used_at = now() WHERE id = ?
            """;

    /** What the database knows about a presented token. */
    public record Lookup(Principal principal, boolean revoked) {
    }

    private final DataSource dataSource;

    public TokenRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new token under the hash of {@code secret} and records {@code token.create} in the
     * audit trail, in one transaction.
     *
     * @return the new token's id
     * @throws IllegalArgumentException when a listed State Party is unknown
     */
    public long create(String name, Role role, List<String> stateParties, String secret, Principal actor) {
        String[] codes = new TreeSet<>(stateParties).toArray(String[]::new);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var unknown = new TreeSet<>(Arrays.asList(codes));
                try (PreparedStatement ps = c.prepareStatement(KNOWN_STATE_PARTIES)) {
                    ps.setArray(1, c.createArrayOf("text", codes));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            unknown.remove(rs.getString(1));
                        }
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("unknown State Party " + String.join(", ", unknown));
                }
                long id;
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, name);
                    ps.setString(2, role.wireName());
                    ps.setArray(3, c.createArrayOf("text", codes));
                    ps.setString(4, TokenSecret.hash(secret));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                AuditLog.record(c, actor, AuditAction.TOKEN_CREATE, "api_token", Long.toString(id), null, null,
                        Map.of("name", name, "role", role.wireName(), "stateParties", List.of(codes)));
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("creating a token", e);
        }
    }

    /** Every token, oldest first; never the secret, which is not stored. */
    public List<TokenInfo> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(LIST);
             ResultSet rs = ps.executeQuery()) {
            var tokens = new ArrayList<TokenInfo>();
            while (rs.next()) {
                tokens.add(new TokenInfo(rs.getLong("id"), rs.getString("name"), rs.getString("role"),
                        codes(rs.getArray("state_parties")), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("revoked_at", OffsetDateTime.class),
                        rs.getObject("last_used_at", OffsetDateTime.class)));
            }
            return tokens;
        } catch (SQLException e) {
            throw new DataAccessException("listing tokens", e);
        }
    }

    /**
     * Revokes a token and records {@code token.revoke}, in one transaction.
     *
     * @return false when there is no such token or it was already revoked
     */
    public boolean revoke(long id, Principal actor) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String name = null;
                try (PreparedStatement ps = c.prepareStatement(REVOKE)) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            name = rs.getString(1);
                        }
                    }
                }
                if (name == null) {
                    c.rollback();
                    return false;
                }
                AuditLog.record(c, actor, AuditAction.TOKEN_REVOKE, "api_token", Long.toString(id), null, null,
                        Map.of("name", name));
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("revoking token " + id, e);
        }
    }

    /** The token stored under the hash of this secret; empty when none is. */
    public Optional<Lookup> find(String secret) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(BY_HASH)) {
            ps.setString(1, TokenSecret.hash(secret));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Role role = Role.parse(rs.getString("role"));
                var principal = new Principal(rs.getLong("id"), rs.getString("name"), role,
                        new HashSet<>(codes(rs.getArray("state_parties"))));
                return Optional.of(new Lookup(principal, rs.getObject("revoked_at") != null));
            }
        } catch (SQLException e) {
            throw new DataAccessException("looking up a token", e);
        }
    }

    /** Sets {@code last_used_at} to now. */
    public void touch(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(TOUCH)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("recording the use of token " + id, e);
        }
    }

    private static List<String> codes(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        var codes = new ArrayList<String>();
        for (Object o : (Object[]) array.getArray()) {
            codes.add(((String) o).trim());
        }
        return codes;
    }
}
