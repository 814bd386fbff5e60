package org.clearancemap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LsnTest {
    @Test
    void positionsOrderAsPostgresqlOrdersThem() {
        assertTrue(Lsn.parse("0/FFFFFFFF") < Lsn.parse("1/0"));
        assertTrue(Lsn.parse("16/B374D848") < Lsn.parse("16/B374D849"));
        assertEquals((0x16L << 32) | 0xB374D848L, Lsn.parse("16/B374D848"));
        assertEquals("16/B374D848", Lsn.format(Lsn.parse("16/B374D848")));
        assertEquals(0, Lsn.parse("0/0"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse("B374D848"));
        assertThrows(NumberFormatException.class, () -> Lsn.parse("0/xyz"));
    }
}
