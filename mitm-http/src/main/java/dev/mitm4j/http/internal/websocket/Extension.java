package dev.mitm4j.http.internal.websocket;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): a token name and its
 * parameters. {@link #parse} reads every element of every header line; {@link #toString()} writes
 * one back in canonical form.
 *
 * @param name the extension token, as sent
 * @param params the parameters in order
 */
public record Extension(String name, List<Param> params) {
    /** The header that carries extensions. */
    public static final String HEADER = "Sec-WebSocket-Extensions";

    /** Copies the parameter list. */
    public Extension {
        params = List.copyOf(params);
    }

    /**
     * One parameter. A quoted value is stored unquoted; RFC 6455 requires it to be a token then.
     *
     * @param name the parameter token
     * @param value the value, or null for a parameter without one
     */
    public record Param(String name, @Nullable String value) {
        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    /**
     * {@return every extension element of the given header values, in order}
     *
     * @throws WebSocketHandshakeException naming the line and character index of the first
     *     syntax error (never the value)
     */
    public static List<Extension> parse(List<String> headerValues)
            throws WebSocketHandshakeException {
        List<Extension> out = new ArrayList<>();
        for (int line = 0; line < headerValues.size(); line++) {
            new Parser(headerValues.get(line), line).elements(out);
        }
        return out;
    }

    /** {@return the parameters named {@code name}, ignoring case} */
    public List<Param> params(String name) {
        return params.stream().filter(p -> p.name.equalsIgnoreCase(name)).toList();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        for (Param p : params) {
            s.append("; ").append(p);
        }
        return s.toString();
    }

    /** {@return whether {@code s} is a non-empty RFC 9110 token} */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A cursor over one header value: {@code 1#( token *( OWS ";" OWS param ) )}. */
    private static final class Parser {
        private final String s;
        private final int line;
        private int i;

        Parser(String s, int line) {
            this.s = s;
            this.line = line;
        }

        void elements(List<Extension> out) throws WebSocketHandshakeException {
            while (true) {
                skipSpace();
                if (i == s.length()) {
                    return;
                }
                if (s.charAt(i) == ',') { // empty list elements are allowed (RFC 9110 §5.6.1)
                    i++;
                    continue;
                }
                out.add(element());
                skipSpace();
                if (i < s.length() && s.charAt(i) != ',') {
                    throw error("',' or end expected");
                }
            }
        }

        private Extension element() throws WebSocketHandshakeException {
            String name = token("extension name");
            List<Param> params = new ArrayList<>();
            skipSpace();
            while (i < s.length() && s.charAt(i) == ';') {
                i++;
                skipSpace();
                String param = token("parameter name");
                skipSpace();
                String value = null;
                if (i < s.length() && s.charAt(i) == '=') {
                    i++;
                    skipSpace();
                    value = i < s.length() && s.charAt(i) == '"' ? quoted() : token("value");
                    skipSpace();
                }
                params.add(new Param(param, value));
            }
            return new Extension(name, params);
        }

        private String token(String what) throws WebSocketHandshakeException {
            int start = i;
            while (i < s.length() && isTchar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw error(what + " expected");
            }
            return s.substring(start, i);
        }

        private String quoted() throws WebSocketHandshakeException {
            StringBuilder v = new StringBuilder();
            for (i++; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    if (!isToken(v.toString())) {
                        throw error("quoted value that is not a token");
                    }
                    return v.toString();
                }
                if (c == '\\' && i + 1 < s.length()) {
                    c = s.charAt(++i);
                }
                v.append(c);
            }
            throw error("unterminated quoted value");
        }

        private void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private WebSocketHandshakeException error(String problem) {
            return new WebSocketHandshakeException("malformed " + HEADER + " (line " + line
                    + ", index " + i + "): " + problem);
        }
    }
}
