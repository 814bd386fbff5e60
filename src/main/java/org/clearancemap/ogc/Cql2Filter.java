package org.clearancemap.ogc;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * A CQL2 text filter of the Basic CQL2 conformance class, read into a SQL condition with bound
 * values.
 *
 * <p>Accepted: comparisons {@code = <> < > <= >=} between queryable properties and literals
 * (strings in single quotes with {@code ''} for a quote, numbers, {@code TRUE}/{@code FALSE},
 * {@code DATE('2024-01-31')}, {@code TIMESTAMP('2024-01-31T10:00:00Z')}), {@code IS [NOT] NULL},
 * {@code AND}, {@code OR}, {@code NOT} and parentheses. A property is a name from
 * {@link Queryable#of(Collection)}, bare or in double quotes; a timestamp compared with a date
 * property selects its UTC day. Anything else is a 400 naming {@code filter} with the position.
 *
 * @param sql    the condition, over the collection's columns, with {@code ?} for each value
 * @param values the values to bind, in order
 */
public record Cql2Filter(String sql, List<Object> values) {
    private static final String PARAMETER = "filter";
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");

    /** Reads a filter over the given queryables; 400 naming {@code filter} when it cannot be read. */
    public static Cql2Filter parse(String text, List<Queryable> queryables) {
        var parser = new Parser(tokens(text), queryables.stream().collect(Collectors.toMap(Queryable::name, Function.identity())));
        String sql = parser.orExpression();
        if (parser.peek() != null) {
            throw parser.error("unexpected '" + parser.peek().text + "'");
        }
        return new Cql2Filter(sql, List.copyOf(parser.values));
    }

    private enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL }

    private record Token(Kind kind, String text, int position) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }
    }

    private static List<Token> tokens(String text) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                var s = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= text.length()) {
                        throw bad("a string starting at position " + (start + 1) + " is not closed");
                    }
                    if (text.charAt(i) == '\'') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            s.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    s.append(text.charAt(i++));
                }
                tokens.add(new Token(Kind.STRING, s.toString(), start));
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw bad("a quoted property name starting at position " + (i + 1) + " is not closed");
                }
                tokens.add(new Token(Kind.QUOTED_NAME, text.substring(i + 1, end), i));
                i = end + 1;
            } else if (Character.isDigit(c) || (c == '-' || c == '+' || c == '.') && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1))) {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || ".eE".indexOf(text.charAt(i)) >= 0
                        || (text.charAt(i) == '-' || text.charAt(i) == '+') && "eE".indexOf(text.charAt(i - 1)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start));
            } else if ("<>=()".indexOf(c) >= 0) {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    tokens.add(new Token(Kind.SYMBOL, two, i));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i++));
                }
            } else {
                throw bad("unexpected character '" + c + "' at position " + (i + 1));
            }
        }
        return tokens;
    }

    private static ApiException bad(String why) {
        return ApiException.BadRequest.parameter(PARAMETER, "filter is not a Basic CQL2 text expression: " + why + ".");
    }

    /** A side of a comparison: a property (column set) or a literal (value set), with its type. */
    private record Operand(Queryable property, Object value, Queryable.Type type, String description) {
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final Map<String, Queryable> queryables;
        private final List<Object> values = new ArrayList<>();
        private int next;

        Parser(List<Token> tokens, Map<String, Queryable> queryables) {
            this.tokens = tokens;
            this.queryables = queryables;
        }

        Token peek() {
            return next < tokens.size() ? tokens.get(next) : null;
        }

        Token take() {
            Token t = peek();
            if (t == null) {
                throw bad("it ends too early");
            }
            next++;
            return t;
        }

        ApiException error(String why) {
            Token t = peek();
            return bad(why + (t == null ? " at the end" : " at position " + (t.position() + 1)));
        }

        String orExpression() {
            var parts = new ArrayList<String>(List.of(andExpression()));
            while (peek() != null && peek().is("OR")) {
                take();
                parts.add(andExpression());
            }
            return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
        }

        String andExpression() {
            var parts = new ArrayList<String>(List.of(factor()));
            while (peek() != null && peek().is("AND")) {
                take();
                parts.add(factor());
            }
            return parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")";
        }

        String factor() {
            if (peek() != null && peek().is("NOT")) {
                take();
                return "(NOT " + factor() + ")";
            }
            if (peek() != null && peek().is("(")) {
                take();
                String inner = orExpression();
                if (peek() == null || !peek().is(")")) {
                    throw error("a ')' is missing");
                }
                take();
                return inner;
            }
            return predicate();
        }

        String predicate() {
            Operand left = operand();
            Token op = peek();
            if (op != null && op.is("IS")) {
                take();
                boolean not = peek() != null && peek().is("NOT");
                if (not) {
                    take();
                }
                if (peek() == null || !peek().is("NULL")) {
                    throw error("IS must be followed by NULL or NOT NULL");
                }
                take();
                if (left.property() == null) {
                    throw bad("IS NULL applies to a property, not to " + left.description());
                }
                return "(" + left.property().column() + (not ? " IS NOT NULL)" : " IS NULL)");
            }
            if (left.type() == null && left.property() == null && left.value() instanceof Boolean b) {
                if (op == null || !COMPARISONS.contains(op.text())) {
                    return b ? "TRUE" : "FALSE";
                }
            }
            if (op == null || op.kind() != Kind.SYMBOL || !COMPARISONS.contains(op.text())) {
                throw error("a comparison (=, <>, <, >, <=, >=) or IS NULL is expected");
            }
            take();
            Operand right = operand();
            return "(" + side(left, right) + " " + op.text() + " " + side(right, left) + ")";
        }

        /** One side of a comparison in SQL, its literal bound with the other side's type. */
        private String side(Operand self, Operand other) {
            if (self.property() != null) {
                if (other.property() != null && other.property().type() != self.property().type()) {
                    throw bad(self.property().name() + " and " + other.property().name() + " cannot be compared");
                }
                return self.property().column();
            }
            Queryable.Type target = other.property() != null ? other.property().type() : self.type();
            values.add(bind(self, target, other.property()));
            return "?";
        }

        private static Object bind(Operand literal, Queryable.Type target, Queryable property) {
            Object v = literal.value();
            String against = property == null ? "" : " to compare with " + property.name();
            switch (target) {
                case STRING -> {
                    if (v instanceof String s) {
                        return s;
                    }
                }
                case INTEGER, NUMBER -> {
                    if (v instanceof BigDecimal n) {
                        return n;
                    }
                }
                case DATE -> {
                    if (v instanceof LocalDate d) {
                        return Date.valueOf(d);
                    }
                    if (v instanceof OffsetDateTime t) {
                        return Date.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
                    }
                }
                default -> {
                }
            }
            throw bad(literal.description() + " is not a " + target.name().toLowerCase(Locale.ROOT) + against);
        }

        Operand operand() {
            Token t = take();
            switch (t.kind()) {
                case STRING:
                    return new Operand(null, t.text(), Queryable.Type.STRING, "the string '" + Params.abbreviate(t.text()) + "'");
                case NUMBER:
                    try {
                        return new Operand(null, new BigDecimal(t.text()), Queryable.Type.NUMBER, "the number " + t.text());
                    } catch (NumberFormatException e) {
                        throw bad("'" + Params.abbreviate(t.text()) + "' at position " + (t.position() + 1) + " is not a number");
                    }
                case QUOTED_NAME:
                    return property(t);
                case WORD:
                    if (t.is("TRUE") || t.is("FALSE")) {
                        return new Operand(null, Boolean.valueOf(t.text().toLowerCase(Locale.ROOT)), null, t.text());
                    }
                    if ((t.is("DATE") || t.is("TIMESTAMP")) && peek() != null && peek().is("(")) {
                        return instant(t);
                    }
                    return property(t);
                default:
                    next--;
                    throw error("a property or a literal is expected");
            }
        }

        private Operand property(Token t) {
            Queryable q = queryables.get(t.text());
            if (q == null) {
                throw bad("'" + Params.abbreviate(t.text()) + "' at position " + (t.position() + 1)
                        + " is not a queryable; these are: " + String.join(", ", new TreeSet<>(queryables.keySet())));
            }
            return new Operand(q, null, q.type(), q.name());
        }

        private Operand instant(Token function) {
            take();
            Token literal = take();
            if (literal.kind() != Kind.STRING || peek() == null || !peek().is(")")) {
                throw bad(function.text().toUpperCase(Locale.ROOT) + " at position " + (function.position() + 1)
                        + " takes one string, e.g. DATE('2024-01-31')");
            }
            take();
            try {
                Object value = function.is("DATE") ? LocalDate.parse(literal.text()) : OffsetDateTime.parse(literal.text());
                return new Operand(null, value, Queryable.Type.DATE, function.text().toUpperCase(Locale.ROOT) + "('" + literal.text() + "')");
            } catch (DateTimeParseException e) {
                throw bad("'" + Params.abbreviate(literal.text()) + "' at position " + (literal.position() + 1)
                        + " is not an RFC 3339 " + (function.is("DATE") ? "date" : "timestamp"));
            }
        }
    }
}
