package org.clearancemap.land;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A SQL condition on the columns of a hazard or release with its bound values, built by the caller
 * from validated parts (column names never come from a request).
 */
public interface Condition {

    /** The condition's text, with a {@code ?} for each bound value. */
    String sql();

    /** Binds the values from index {@code first}; returns the next index. */
    int bind(PreparedStatement ps, int first) throws SQLException;
}
