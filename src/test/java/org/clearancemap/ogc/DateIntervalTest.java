package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.clearancemap.http.ApiException;
import org.junit.jupiter.api.Test;

class DateIntervalTest {
    private static final LocalDate D1 = LocalDate.of(2020, 1, 1);
    private static final LocalDate D2 = LocalDate.of(2024, 12, 31);

    @Test
    void aDateIsAnInstant() {
        assertTrue(DateInterval.parse("2020-01-01").isInstant());
        assertEquals(new DateInterval(D1, D1), DateInterval.parse("2020-01-01"));
    }

    @Test
    void aDateTimeSelectsItsUtcDay() {
        assertEquals(new DateInterval(D1, D1), DateInterval.parse("2020-01-01T23:30:00Z"));
        assertEquals(new DateInterval(D1, D1), DateInterval.parse("2020-01-02T01:00:00+02:00"));
    }

    @Test
    void aClosedIntervalKeepsBothEnds() {
        assertEquals(new DateInterval(D1, D2), DateInterval.parse("2020-01-01/2024-12-31"));
    }

    @Test
    void dotsOrNothingLeaveAnEndOpen() {
        assertEquals(new DateInterval(null, D2), DateInterval.parse("../2024-12-31"));
        assertEquals(new DateInterval(D1, null), DateInterval.parse("2020-01-01/.."));
        assertEquals(new DateInterval(D1, null), DateInterval.parse("2020-01-01/"));
        assertEquals(new DateInterval(null, D2), DateInterval.parse("/2024-12-31"));
    }

    @Test
    void noParameterIsNoInterval() {
        assertNull(DateInterval.parse(null));
    }

    @Test
    void aStartAfterTheEndIsA400NamingDatetime() {
        var e = assertThrows(ApiException.class, () -> DateInterval.parse("2024-12-31/2020-01-01"));
        assertEquals(400, e.status());
        assertEquals("datetime", e.extensions().get("parameter"));
    }

    @Test
    void anImpossibleDateIsA400() {
        assertThrows(ApiException.class, () -> DateInterval.parse("2020-02-30"));
        assertThrows(ApiException.class, () -> DateInterval.parse("2020-01-01/2021-01-01/2022-01-01"));
        assertThrows(ApiException.class, () -> DateInterval.parse(".."));
    }
}
