package dev.mitm4j.http.internal.http2;

import static dev.mitm4j.http.internal.http2.Http2ErrorCode.PROTOCOL_ERROR;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.internal.TrustedHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates decoded field sections as RFC 9113 sections 8.2 and 8.3 require, before anything of
 * them could be forwarded, and builds the field lists written for heads. A request or response
 * that breaks a rule is malformed: a stream error of type PROTOCOL_ERROR whose message names the
 * rule, the field's position and at most its name, never its value.
 *
 * <p>Refused, in every section: an empty name, uppercase or non-token characters in a name, CR,
 * LF or NUL in a value, a value starting or ending with space or tab, the connection-specific
 * fields {@code connection}, {@code keep-alive}, {@code proxy-connection}, {@code
 * transfer-encoding} and {@code upgrade}, {@code te} other than {@code trailers}, a
 * pseudo-header after a regular field, an unknown, duplicated or misplaced pseudo-header. In
 * requests: a missing {@code :method}, a missing {@code :scheme} or {@code :path} (except CONNECT,
 * which needs {@code :authority} and allows neither), {@code :protocol} unless extended CONNECT is
 * enabled (RFC 8441), control characters or spaces in {@code :path} or {@code :authority},
 * userinfo in {@code :authority}, several {@code host} fields or one that differs from {@code
 * :authority}. In responses: a {@code :status} that is not three digits, or 101. In trailers: any
 * pseudo-header. Content-Length values must be digits and agree; the connection checks them
 * against the DATA received.
 *
 * <p>Stateless and thread-safe.
 */
public final class Http2Fields {
    /** Names RFC 9113 section 8.2.2 forbids: they describe one HTTP/1 connection. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive",
            "proxy-connection", "transfer-encoding", "upgrade");

    private Http2Fields() {}

    /**
     * {@return the validated request head}
     *
     * @param extendedConnect whether this endpoint enabled SETTINGS_ENABLE_CONNECT_PROTOCOL
     * @throws Http2StreamException (PROTOCOL_ERROR) naming the first problem
     */
    public static Http2RequestHead request(int streamId, List<Headers.Field> fields,
            Set<String> neverIndexed, boolean extendedConnect) throws Http2StreamException {
        Checker c = new Checker(streamId);
        String[] pseudo = new String[5]; // method, scheme, authority, path, protocol
        Headers regular = c.split(fields, pseudo, List.of(":method", ":scheme", ":authority",
                ":path", ":protocol"), ":status");
        String method = pseudo[0];
        String scheme = pseudo[1];
        String authority = pseudo[2];
        String path = pseudo[3];
        String protocol = pseudo[4];
        if (method == null) {
            throw c.fail("missing :method");
        }
        c.token(method, ":method");
        if (protocol != null) {
            if (!extendedConnect) {
                throw c.fail(":protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL");
            }
            if (!method.equals("CONNECT")) {
                throw c.fail(":protocol with a method other than CONNECT");
            }
        }
        if (method.equals("CONNECT") && protocol == null) {
            if (scheme != null || path != null) {
                throw c.fail("CONNECT with :scheme or :path");
            }
            if (authority == null) {
                throw c.fail("CONNECT without :authority");
            }
        } else {
            if (scheme == null || path == null) {
                throw c.fail(scheme == null ? "missing :scheme" : "missing :path");
            }
            c.scheme(scheme);
            c.path(path, method);
            if (protocol != null && authority == null) {
                throw c.fail("extended CONNECT without :authority");
            }
        }
        if (authority != null) {
            c.authority(authority);
        }
        c.host(regular, authority);
        contentLength(streamId, regular);
        return new Http2RequestHead(method, scheme, authority, path, protocol, regular,
                neverIndexed);
    }

    /**
     * {@return the validated response head}
     *
     * @throws Http2StreamException (PROTOCOL_ERROR) naming the first problem
     */
    public static Http2ResponseHead response(int streamId, List<Headers.Field> fields,
            Set<String> neverIndexed) throws Http2StreamException {
        Checker c = new Checker(streamId);
        String[] pseudo = new String[1];
        Headers regular = c.split(fields, pseudo, List.of(":status"), ":method");
        String status = pseudo[0];
        if (status == null) {
            throw c.fail("missing :status");
        }
        if (status.length() != 3 || !digits(status) || status.charAt(0) == '0') {
            throw c.fail("invalid :status");
        }
        int code = Integer.parseInt(status);
        if (code == 101) {
            throw c.fail(":status 101 in HTTP/2");
        }
        contentLength(streamId, regular);
        return new Http2ResponseHead(code, regular, neverIndexed);
    }

    /**
     * {@return the validated trailers}
     *
     * @throws Http2StreamException (PROTOCOL_ERROR) naming the first problem
     */
    public static Headers trailers(int streamId, List<Headers.Field> fields)
            throws Http2StreamException {
        Checker c = new Checker(streamId);
        return c.split(fields, new String[0], List.of(), "");
    }

    /**
     * {@return the size of a field section as SETTINGS_MAX_HEADER_LIST_SIZE counts it (RFC 9113
     * section 6.5.2): the octets of every name and value, plus 32 per field}
     */
    public static long listSize(List<Headers.Field> fields) {
        long size = 0;
        for (Headers.Field f : fields) {
            size += f.name().length() + f.value().length() + 32L; // ISO-8859-1: a char an octet
        }
        return size;
    }

    /**
     * {@return the declared Content-Length, or -1 when absent}
     *
     * @throws Http2StreamException when a value is not digits or values disagree
     */
    public static long contentLength(int streamId, Headers headers) throws Http2StreamException {
        long length = -1;
        for (String value : headers.getAll("content-length")) {
            if (value.isEmpty() || value.length() > 18 || !digits(value)) {
                throw new Http2StreamException(streamId, PROTOCOL_ERROR, "invalid content-length");
            }
            long parsed = Long.parseLong(value);
            if (length >= 0 && parsed != length) {
                throw new Http2StreamException(streamId, PROTOCOL_ERROR,
                        "conflicting content-length values");
            }
            length = parsed;
        }
        return length;
    }

    /**
     * {@return the fields to encode for a request head: pseudo-headers first, then the regular
     * fields with names lowercased and connection-specific fields dropped}
     *
     * @throws IllegalArgumentException when the result would be malformed (naming the problem)
     */
    public static List<Headers.Field> outbound(Http2RequestHead head, boolean extendedConnect) {
        List<Headers.Field> fields = new ArrayList<>();
        fields.add(new Headers.Field(":method", head.method()));
        addIfPresent(fields, ":scheme", head.scheme());
        addIfPresent(fields, ":authority", head.authority());
        addIfPresent(fields, ":path", head.path());
        addIfPresent(fields, ":protocol", head.protocol());
        regular(head.headers(), fields);
        try {
            request(0, fields, Set.of(), extendedConnect);
        } catch (Http2StreamException e) {
            throw new IllegalArgumentException("refusing to write a malformed request head: "
                    + e.getMessage());
        }
        return fields;
    }

    /** {@return the fields to encode for a response head} See {@link #outbound(Http2RequestHead, boolean)}. */
    public static List<Headers.Field> outbound(Http2ResponseHead head) {
        List<Headers.Field> fields = new ArrayList<>();
        fields.add(new Headers.Field(":status", Integer.toString(head.status())));
        regular(head.headers(), fields);
        try {
            response(0, fields, Set.of());
        } catch (Http2StreamException e) {
            throw new IllegalArgumentException("refusing to write a malformed response head: "
                    + e.getMessage());
        }
        return fields;
    }

    /** {@return the fields to encode for trailers} See {@link #outbound(Http2RequestHead, boolean)}. */
    public static List<Headers.Field> outboundTrailers(Headers trailers) {
        List<Headers.Field> fields = new ArrayList<>();
        regular(trailers, fields);
        try {
            trailers(0, fields);
        } catch (Http2StreamException e) {
            throw new IllegalArgumentException("refusing to write malformed trailers: "
                    + e.getMessage());
        }
        return fields;
    }

    /**
     * Adds the regular fields of an HTTP/1-shaped section as RFC 9113 section 8.2.2 asks of an
     * intermediary: names lowercased; connection-specific fields, the fields the Connection
     * field names, and {@code te} other than {@code trailers} removed.
     */
    private static void regular(Headers headers, List<Headers.Field> out) {
        List<String> nominated = new ArrayList<>();
        for (String list : headers.getAll("connection")) {
            for (String token : list.split(",")) {
                nominated.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        for (Headers.Field f : headers) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (CONNECTION_SPECIFIC.contains(name) || nominated.contains(name)
                    || (name.equals("te") && !f.value().equalsIgnoreCase("trailers"))) {
                continue;
            }
            out.add(new Headers.Field(name, name.equals("te") ? "trailers" : f.value()));
        }
    }

    private static void addIfPresent(List<Headers.Field> fields, String name,
            @Nullable String value) {
        if (value != null) {
            fields.add(new Headers.Field(name, value));
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean tchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The rules, applied to one section of one stream. */
    private static final class Checker {
        private final int streamId;
        private int index;

        Checker(int streamId) {
            this.streamId = streamId;
        }

        /**
         * Checks every field and splits pseudo-headers (into {@code pseudo}, in the order of
         * {@code allowed}) from the regular fields, which are returned.
         */
        Headers split(List<Headers.Field> fields, @Nullable String[] pseudo,
                List<String> allowed, String otherRole) throws Http2StreamException {
            List<Headers.Field> regular = new ArrayList<>(fields.size());
            boolean regularSeen = false;
            for (index = 0; index < fields.size(); index++) {
                Headers.Field f = fields.get(index);
                String name = f.name();
                value(name, f.value());
                if (!name.isEmpty() && name.charAt(0) == ':') {
                    pseudo(name, f.value(), pseudo, allowed, otherRole, regularSeen);
                    continue;
                }
                regularSeen = true;
                name(name);
                if (CONNECTION_SPECIFIC.contains(name)) {
                    throw fail("connection-specific header " + name);
                }
                if (name.equals("te") && !f.value().equals("trailers")) {
                    throw fail("te other than trailers");
                }
                regular.add(f);
            }
            index = -1;
            return TrustedHeaders.of(regular, null); // checked above, more strictly
        }

        private void pseudo(String name, String value, @Nullable String[] pseudo,
                List<String> allowed, String otherRole, boolean regularSeen)
                throws Http2StreamException {
            if (regularSeen) {
                throw fail("pseudo-header " + safe(name) + " after a regular field");
            }
            int slot = allowed.indexOf(name);
            if (slot < 0) {
                if (allowed.isEmpty()) {
                    throw fail("pseudo-header " + safe(name) + " in trailers");
                }
                throw fail((name.equals(otherRole) ? "misplaced" : "unknown")
                        + " pseudo-header " + safe(name));
            }
            if (pseudo[slot] != null) {
                throw fail("duplicate pseudo-header " + name);
            }
            pseudo[slot] = value;
        }

        private void name(String name) throws Http2StreamException {
            if (name.isEmpty()) {
                throw fail("empty header name");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    throw fail("uppercase header name");
                }
                if (!tchar(c)) {
                    throw fail("invalid header name char " + hex(c));
                }
            }
        }

        private void value(String name, String value) throws Http2StreamException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw fail("char " + hex(c) + " in the value of " + safe(name));
                }
            }
            if (!value.isEmpty() && (isSpace(value.charAt(0))
                    || isSpace(value.charAt(value.length() - 1)))) {
                throw fail("leading or trailing whitespace in the value of " + safe(name));
            }
        }

        void token(String value, String what) throws Http2StreamException {
            if (value.isEmpty()) {
                throw fail("empty " + what);
            }
            for (int i = 0; i < value.length(); i++) {
                if (!tchar(value.charAt(i))) {
                    throw fail("invalid char " + hex(value.charAt(i)) + " in " + what);
                }
            }
        }

        void scheme(String scheme) throws Http2StreamException {
            boolean ok = !scheme.isEmpty() && Character.isLetter(scheme.charAt(0));
            for (int i = 0; ok && i < scheme.length(); i++) {
                char c = scheme.charAt(i);
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '+' || c == '-' || c == '.';
            }
            if (!ok) {
                throw fail("invalid :scheme");
            }
        }

        void path(String path, String method) throws Http2StreamException {
            if (path.isEmpty()) {
                throw fail("empty :path");
            }
            visible(path, ":path");
            if (path.equals("*") ? !method.equals("OPTIONS") : path.charAt(0) != '/') {
                throw fail(":path neither origin-form nor * for OPTIONS");
            }
        }

        void authority(String authority) throws Http2StreamException {
            if (authority.isEmpty()) {
                throw fail("empty :authority");
            }
            visible(authority, ":authority");
            if (authority.indexOf('@') >= 0) {
                throw fail("userinfo in :authority");
            }
        }

        void host(Headers regular, @Nullable String authority) throws Http2StreamException {
            List<String> hosts = regular.getAll("host");
            if (hosts.size() > 1) {
                throw fail("several host fields");
            }
            if (hosts.size() == 1) {
                visible(hosts.get(0), "host");
                if (authority != null && !hosts.get(0).equalsIgnoreCase(authority)) {
                    throw fail("host differs from :authority");
                }
            }
        }

        private void visible(String value, String what) throws Http2StreamException {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= ' ' || c >= 0x7f) {
                    throw fail("invalid char " + hex(c) + " in " + what);
                }
            }
        }

        Http2StreamException fail(String problem) {
            String where = index >= 0 ? " at field " + index : "";
            return new Http2StreamException(streamId, PROTOCOL_ERROR, problem + where);
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }

        private static String hex(char c) {
            return String.format("0x%02x", (int) c);
        }

        /** A name for a message: printable names as they are, others described. */
        private static String safe(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f) {
                    return "(a name with " + hex(c) + ")";
                }
            }
            return name.length() > 64 ? name.substring(0, 64) + "..." : name;
        }
    }
}
