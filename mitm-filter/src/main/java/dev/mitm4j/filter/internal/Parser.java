package dev.mitm4j.filter.internal;

import dev.mitm4j.filter.FilterSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser for mitmproxy's filter language. Grammar, loosest binding first:
 *
 * <pre>
 * sequence = or { or }                  juxtaposition means &amp; (binds loosest, as in mitmproxy)
 * or       = and { "|" and }
 * and      = not { "&amp;" not }
 * not      = "!" not | atom              "!" followed by nothing is a bare word instead
 * atom     = "(" sequence ")" | "~" code [argument] | quoted | word
 * </pre>
 *
 * A bare word or quoted string is a {@code ~u} regex. Words end at whitespace, {@code ~}, quotes
 * and unbalanced parentheses; {@code !}, {@code &} and {@code |} inside a word are regex
 * characters. See {@link Scanner} for words and quotes. Regexes are compiled here, so that their
 * errors carry the offset in the expression. Not thread-safe; one instance per parse.
 */
public final class Parser {
    private final Scanner in;

    private Parser(String expression) {
        this.in = new Scanner(expression);
    }

    /**
     * Parses a whole expression.
     *
     * @param expression the filter expression
     * @return its syntax tree, regexes compiled
     * @throws FilterSyntaxException with the offset of the first problem
     */
    public static Expr parse(String expression) {
        if (expression.isBlank()) {
            throw new FilterSyntaxException("Empty filter expression", expression, 0);
        }
        Parser parser = new Parser(expression);
        Expr result = parser.sequence(null);
        if (!parser.in.atEnd()) {
            throw parser.in.error("Unexpected )", parser.in.pos());
        }
        return result;
    }

    private Expr sequence(@Nullable String after) {
        List<Expr> items = new ArrayList<>();
        items.add(or(after));
        while (!in.skipWhitespace() && in.peek() != ')') {
            items.add(or(null));
        }
        return items.size() == 1 ? items.getFirst() : new Expr.And(items);
    }

    private Expr or(@Nullable String after) {
        List<Expr> items = new ArrayList<>();
        items.add(and(after));
        while (!in.skipWhitespace() && in.peek() == '|') {
            in.advance();
            items.add(and("|"));
        }
        return items.size() == 1 ? items.getFirst() : new Expr.Or(items);
    }

    private Expr and(@Nullable String after) {
        List<Expr> items = new ArrayList<>();
        items.add(not(after));
        while (!in.skipWhitespace() && in.peek() == '&') {
            in.advance();
            items.add(not("&"));
        }
        return items.size() == 1 ? items.getFirst() : new Expr.And(items);
    }

    private Expr not(@Nullable String after) {
        in.skipWhitespace();
        if (!in.atEnd() && in.peek() == '!' && in.somethingFollows()) {
            in.advance();
            return new Expr.Not(not("!"));
        }
        return atom(after);
    }

    private Expr atom(@Nullable String after) {
        in.skipWhitespace();
        int start = in.pos();
        if (in.atEnd() || in.peek() == ')') {
            throw in.error(after == null ? "Unexpected )" : "Expected an expression after " + after,
                    start);
        }
        return switch (in.peek()) {
            case '(' -> group(start);
            case '~' -> operator(start);
            default -> url(in.regex(), start);
        };
    }

    private Expr group(int start) {
        in.advance();
        Expr inner = sequence("(");
        in.skipWhitespace();
        if (in.atEnd()) {
            throw in.error("Missing ) to close this (", start);
        }
        in.advance();
        return inner;
    }

    private Expr url(Scanner.Token regex, int start) {
        return new Expr.Op(Operator.URL, regex.text(), compile(Operator.URL, regex), 0, start);
    }

    private Expr operator(int start) {
        String code = in.operatorCode();
        Operator op = Operator.byCode(code);
        if (op == null) {
            throw in.error("Unknown operator ~" + code + Operator.suggestionFor(code), start);
        }
        return switch (op.arg()) {
            case NONE -> new Expr.Op(op, null, null, 0, start);
            case INT -> integer(op, start);
            case REGEX -> regex(op, start);
        };
    }

    private Expr integer(Operator op, int start) {
        in.skipWhitespace();
        String digits = in.digits();
        if (digits == null) {
            throw in.error("~" + op.code() + " needs an integer argument", in.pos());
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;    // Python's int() reads leading zeros
        }
        int number = digits.length() - first > 9 ? -1 : Integer.parseInt(digits, first,
                digits.length(), 10);
        return new Expr.Op(op, digits, null, number, start);
    }

    private Expr regex(Operator op, int start) {
        in.skipWhitespace();
        Scanner.Token regex = in.atEnd() || in.peek() == '~' ? null : in.argument();
        if (regex == null) {
            throw in.error("~" + op.code() + " needs a regex argument", in.pos());
        }
        return new Expr.Op(op, regex.text(), compile(op, regex), 0, start);
    }

    /** {@return the compiled regex, or null for a plain literal, which needs no regex} */
    private @Nullable Pattern compile(Operator op, Scanner.Token regex) {
        if (LiteralSearch.literalOf(regex.text()) != null) {
            return null;
        }
        try {
            return PythonRegex.compile(regex.text(), Objects.requireNonNull(op.flavor()));
        } catch (RegexTranslationException e) {
            throw in.error("Invalid regex for ~" + op.code() + ": " + e.getMessage(),
                    regex.offsetOf(e.index()));
        }
    }
}
