package dev.mitm4j.testkit.pathod;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A cursor over one spec with the language's terminals: VALUE, OFFSET, INTEGER, SECONDS. Errors
 * carry the offset of the failing character. Not thread-safe; one per parse.
 */
final class SpecParser {
    private final String spec;
    private int pos;

    SpecParser(String spec) {
        this.spec = spec;
    }

    boolean atEnd() {
        return pos >= spec.length();
    }

    int pos() {
        return pos;
    }

    char peek() {
        return atEnd() ? '\0' : spec.charAt(pos);
    }

    char next() {
        if (atEnd()) {
            throw error("unexpected end of spec");
        }
        return spec.charAt(pos++);
    }

    void expect(char c) {
        if (peek() != c) {
            throw error(atEnd() ? "expected '" + c + "' but the spec ended"
                    : "expected '" + c + "' but found '" + peek() + "'");
        }
        pos++;
    }

    /** Consumes {@code word} when the spec continues with it. */
    boolean accept(String word) {
        if (spec.startsWith(word, pos)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    /** {@return a run of characters from {@code allowed}, at least one} */
    String run(String what, java.util.function.IntPredicate allowed) {
        int start = pos;
        while (!atEnd() && allowed.test(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("expected " + what);
        }
        return spec.substring(start, pos);
    }

    long integer() {
        String digits = run("an integer", Character::isDigit);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("integer too large");
        }
    }

    Offset offset() {
        if (accept("r")) {
            return new Offset(Offset.Kind.RANDOM, 0);
        }
        if (accept("a")) {
            return new Offset(Offset.Kind.END, 0);
        }
        return new Offset(Offset.Kind.INDEX, integer());
    }

    @Nullable Duration seconds() {
        return accept("f") ? null : Duration.ofSeconds(integer());
    }

    Value value() {
        char c = peek();
        if (c == '"' || c == '\'') {
            return new Value.Literal(literal());
        }
        if (c == '@') {
            return generated();
        }
        if (c == '<') {
            throw error("file values (<path) need a static directory, which Pathod does not have");
        }
        throw error(atEnd() ? "expected a value but the spec ended"
                : "expected a value (\"...\", '...' or @size) but found '" + c + "'");
    }

    private Value generated() {
        expect('@');
        int at = pos;
        String size = run("a size", ch -> Character.isDigit(ch) || "bkmgtBKMGT".indexOf(ch) >= 0);
        String type = "bytes";
        if (peek() == ',' && pos + 1 < spec.length() && Character.isLetter(spec.charAt(pos + 1))) {
            pos++;
            int typeAt = pos;
            type = run("a data type", ch -> Character.isLetter(ch) || ch == '_');
            if (!type.equals("bytes") && !Value.Generated.ALPHABETS.containsKey(type)) {
                pos = typeAt;
                throw error("unknown data type '" + type + "'");
            }
        }
        try {
            return new Value.Generated(Value.size(size), type);
        } catch (RuntimeException e) {
            pos = at;
            throw error("bad size '" + size + "'");
        }
    }

    private byte[] literal() {
        char quote = next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (atEnd()) {
                throw error("unterminated literal");
            }
            char c = next();
            if (c == quote) {
                return out.toByteArray();
            }
            out.write(c == '\\' ? escape() : c);
        }
    }

    private int escape() {
        char c = next();
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case '0' -> 0;
            case 'x' -> {
                String hex = "" + next() + next();
                try {
                    yield Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    pos -= 2;
                    throw error("bad \\x escape");
                }
            }
            case '\\', '\'', '"' -> c;
            default -> {
                pos--;
                throw error("unknown escape \\" + c);
            }
        };
    }

    PathodSpecException errorAt(String problem, int offset) {
        return new PathodSpecException(problem, spec, offset);
    }

    PathodSpecException error(String problem) {
        return new PathodSpecException(problem, spec, Math.min(pos, spec.length()));
    }
}
