package org.clearancemap.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ReadRoutingTest {
    @Test
    void aPoolWithNoConnectionFreeIsBusyNotUnreachable() {
        assertFalse(ReadRouting.unreachable(new SQLTransientConnectionException(
                "clearance-map - Connection is not available, request timed out after 3000ms (total=10, active=10)")));
        assertFalse(ReadRouting.unreachable(new SQLException("syntax error", "42601")));
    }

    @Test
    void refusedBrokenOrShuttingDownIsUnreachable() {
        assertTrue(ReadRouting.unreachable(new SQLTransientConnectionException("not available", null,
                new SQLException("Connection to 127.0.0.1:5 refused", "08001", new ConnectException("refused")))));
        assertTrue(ReadRouting.unreachable(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(ReadRouting.unreachable(new RuntimeException(new ConnectException("refused"))));
    }
}
