package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static Principal with(Role role, String... iso3) {
        return new Principal(1L, "p", role, Set.of(iso3));
    }

    @Test
    void anOperatorMayWriteOnlyToItsStateParties() {
        assertTrue(with(Role.OPERATOR, "LAO", "IRQ").mayWriteTo("IRQ"));
        assertFalse(with(Role.OPERATOR, "LAO").mayWriteTo("IRQ"));
    }

    @Test
    void theCaseOfTheCodeDoesNotMatter() {
        assertTrue(with(Role.OPERATOR, "LAO").mayWriteTo("lao"));
    }

    @Test
    void anOperatorMayNotWriteWhenNoStatePartyIsNamed() {
        assertFalse(with(Role.OPERATOR, "LAO").mayWriteTo(null));
    }

    @Test
    void coordinatorsAndAdminsMayWriteToEveryStateParty() {
        assertTrue(with(Role.COORDINATOR).mayWriteTo("SSD"));
        assertTrue(with(Role.ADMIN).mayWriteTo(null));
    }

    @Test
    void anAnalystMayNotWriteEvenToAListedStateParty() {
        assertFalse(with(Role.ANALYST, "LAO").mayWriteTo("LAO"));
    }

    @Test
    void rolesAreOrderedAnalystOperatorCoordinatorAdmin() {
        assertTrue(Role.ADMIN.atLeast(Role.COORDINATOR));
        assertTrue(Role.COORDINATOR.atLeast(Role.OPERATOR));
        assertTrue(Role.OPERATOR.atLeast(Role.ANALYST));
        assertFalse(Role.OPERATOR.atLeast(Role.COORDINATOR));
    }
}
