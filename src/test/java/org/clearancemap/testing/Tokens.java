package org.clearancemap.testing;

import java.util.List;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import org.clearancemap.auth.TokenRepository;
import org.clearancemap.auth.TokenSecret;

/** Issues real tokens in a test database, as the command line does, and returns their secrets. */
public final class Tokens {
    private final TokenRepository tokens;

    public Tokens(TestDatabase db) {
        this.tokens = new TokenRepository(db.database().dataSource());
    }

    /** A new token's secret. */
    public String issue(String name, Role role, String... stateParties) {
        String secret = TokenSecret.generate();
        tokens.create(name, role, List.of(stateParties), secret, Principal.system("test"));
        return secret;
    }

    /** A token that was issued and then revoked. */
    public String revoked(String name, Role role) {
        String secret = TokenSecret.generate();
        long id = tokens.create(name, role, List.of(), secret, Principal.system("test"));
        tokens.revoke(id, Principal.system("test"));
        return secret;
    }
}
