package org.clearancemap.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer token secrets: {@code cm_} followed by 256 random bits in URL-safe Base64 (43 characters).
 *
 * <p>Only {@link #hash(String)} of a secret is stored. A plain SHA-256 is enough here, unlike for
 * passwords: the secret has 256 bits of entropy from {@link SecureRandom}, so nobody can guess or
 * enumerate preimages of a leaked hash, and a slow salted hash (bcrypt, Argon2) would only add
 * latency to every request without adding security. The hash is also what the lookup is indexed
 * on ({@code api_token.token_hash UNIQUE}).
 */
public final class TokenSecret {
    public static final String PREFIX = "cm_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecret() {
    }

    /** A new secret, to be shown once and never stored. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the text has the shape of a secret this server makes. */
    public static boolean looksLikeSecret(String text) {
        return text != null && text.length() == PREFIX.length() + 43 && text.startsWith(PREFIX)
                && text.substring(PREFIX.length()).matches("[A-Za-z0-9_-]{43}");
    }

    /** Lower-case hex SHA-256 of the secret, as stored in {@code api_token.token_hash}. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
