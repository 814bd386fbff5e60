package org.clearancemap.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenSecretTest {

    @Test
    void aSecretIsThePrefixAnd256BitsOfUrlSafeBase64() {
        String s = TokenSecret.generate();
        assertTrue(s.matches("cm_[A-Za-z0-9_-]{43}"), s);
        assertTrue(TokenSecret.looksLikeSecret(s));
    }

    @Test
    void twoSecretsDiffer() {
        assertNotEquals(TokenSecret.generate(), TokenSecret.generate());
    }

    @Test
    void theStoredHashIsTheHexSha256OfTheSecret() {
        // sha256("abc"), FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecret.hash("abc"));
    }

    @Test
    void textOfAnotherShapeIsNotTakenForASecret() {
        assertFalse(TokenSecret.looksLikeSecret("cm_short"));
        assertFalse(TokenSecret.looksLikeSecret("xx_" + "a".repeat(43)));
        assertFalse(TokenSecret.looksLikeSecret("cm_" + "a".repeat(42) + "!"));
    }
}
