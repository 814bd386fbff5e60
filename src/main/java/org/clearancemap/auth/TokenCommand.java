package org.clearancemap.auth;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * {@code java -jar clearance-map.jar token create|list|revoke}: the only way tokens are made.
 *
 * <p>{@code create} prints the secret once, alone on standard output (so
 * {@code TOKEN=$(java -jar clearance-map.jar token create ...)} works), and what was created on
 * standard error. Only the secret's SHA-256 is stored: a lost token is revoked and replaced.
 */
public final class TokenCommand {
    public static final String USAGE = """
            usage: java -jar clearance-map.jar token <command>
              create --role analyst|operator|coordinator|admin [--state-party ISO3 ...] --name NAME
                       prints the new token once; operators need at least one --state-party
              list     id, name, role, State Parties, created, revoked, last used (never the secret)
              revoke ID""";
    /** The actor written in the audit trail for command-line token changes: the operating-system user. */
    static final Principal COMMAND_LINE = Principal.system("command line (" + System.getProperty("user.name", "?") + ")");

    private final TokenRepository tokens;
    private final PrintStream out;
    private final PrintStream err;

    public TokenCommand(DataSource dataSource, PrintStream out, PrintStream err) {
        this.tokens = new TokenRepository(dataSource);
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} (what follows {@code token}); returns the process exit code. */
    public int run(String... args) {
        if (args.length == 0) {
            return usage("missing token command");
        }
        try {
            return switch (args[0]) {
                case "create" -> create(Arrays.copyOfRange(args, 1, args.length));
                case "list" -> list();
                case "revoke" -> revoke(Arrays.copyOfRange(args, 1, args.length));
                default -> usage("unknown token command '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private int create(String[] args) {
        String name = null;
        Role role = null;
        List<String> stateParties = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--name" -> name = value(args, ++i, "--name");
                case "--role" -> {
                    String raw = value(args, ++i, "--role");
                    role = Role.parse(raw);
                    if (role == null) {
                        throw new IllegalArgumentException("--role must be one of " + Role.names() + " (got '" + raw + "')");
                    }
                }
                case "--state-party" -> {
                    value(args, i + 1, "--state-party");
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        for (String code : args[++i].split(",")) {
                            if (!code.isBlank()) {
                                stateParties.add(iso3(code.trim()));
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--name is required (who or what the token is for)");
        }
        if (role == null) {
            throw new IllegalArgumentException("--role is required");
        }
        if (role == Role.OPERATOR && stateParties.isEmpty()) {
            throw new IllegalArgumentException("an operator token needs at least one --state-party ISO3");
        }
        if (role != Role.OPERATOR && !stateParties.isEmpty()) {
            throw new IllegalArgumentException("--state-party applies to operator tokens only; a " + role.wireName()
                    + " token covers every State Party");
        }
        String secret = TokenSecret.generate();
        long id = tokens.create(name.trim(), role, stateParties, secret, COMMAND_LINE);
        err.println("token " + id + " created: name '" + name.trim() + "', role " + role.wireName()
                + (stateParties.isEmpty() ? "" : ", State Parties " + String.join(", ", stateParties))
                + ". It is shown once, below; only its SHA-256 hash is stored.");
        out.println(secret);
        return 0;
    }

    private int list() {
        out.printf("%-5s %-24s %-12s %-16s %-20s %-20s %-20s%n",
                "id", "name", "role", "state parties", "created", "revoked", "last used");
        for (TokenInfo t : tokens.list()) {
            out.printf("%-5d %-24s %-12s %-16s %-20s %-20s %-20s%n", t.id(), t.name(), t.role(),
                    t.stateParties().isEmpty() ? "-" : String.join(",", t.stateParties()), when(t.createdAt()),
                    when(t.revokedAt()), when(t.lastUsedAt()));
        }
        return 0;
    }

    private int revoke(String[] args) {
        if (args.length != 1 || !args[0].matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("revoke needs one token id (see token list)");
        }
        long id = Long.parseLong(args[0]);
        if (!tokens.revoke(id, COMMAND_LINE)) {
            err.println("no token " + id + " to revoke (unknown or already revoked)");
            return 1;
        }
        err.println("token " + id + " revoked");
        return 0;
    }

    private static String when(java.time.OffsetDateTime t) {
        return t == null ? "-" : t.withNano(0).toInstant().toString();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String iso3(String code) {
        if (!code.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException("--state-party must be an ISO 3166-1 alpha-3 code such as LAO (got '"
                    + code + "')");
        }
        return code.toUpperCase(Locale.ROOT);
    }

    private int usage(String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
