package org.clearancemap.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/** A repository's work in one transaction, and statements bound in order (null as SQL NULL). */
public final class Sql {
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Sql() {
    }

    /** Runs {@code work} in one transaction; {@code doing} names it in the error when the database fails. */
    public static <T> T inTransaction(DataSource dataSource, String doing, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(doing, e);
        }
    }

    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values)) {
            return ps.executeUpdate();
        }
    }

    public static long returningId(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, values); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, values);
        return ps;
    }

    /** Binds {@code values} to the statement's parameters in order; null as SQL NULL. */
    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, values[i]);
            }
        }
    }
}
