package dev.mitm4j.core.internal.auth;

import dev.mitm4j.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic proxy authentication as mitmproxy's proxyauth addon does it: the credentials come
 * from {@code Proxy-Authorization} (regular and upstream modes) or {@code Authorization}
 * (reverse mode, where the client does not know it talks to a proxy); missing or wrong ones get
 * 407 with {@code Proxy-Authenticate} (401 with {@code WWW-Authenticate} in reverse mode); good
 * ones are removed before the request is forwarded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reverse whether this is reverse mode (the origin-server headers and 401)
 */
public record BasicAuth(ProxyAuthenticator authenticator, boolean reverse) {
    /** The realm announced in challenges. */
    public static final String REALM = "mitm4j";

    /** The credentials of a Basic header. */
    public record Credentials(String username, String password) {
        @Override public String toString() {
            return "Credentials[" + username + ", (hidden)]";
        }
    }

    /** {@return the request header that carries credentials in this mode} */
    public String credentialsHeader() {
        return reverse ? "Authorization" : "Proxy-Authorization";
    }

    /**
     * Checks the request's credentials and, when they are accepted, removes them so that the
     * upstream never sees them.
     *
     * @return whether the request may proceed; when false, answer with {@link #challengeStatus()}
     */
    public boolean authenticateAndStrip(Headers requestHeaders) {
        Credentials credentials = parse(requestHeaders.get(credentialsHeader()));
        if (credentials == null
                || !authenticator.authenticate(credentials.username(), credentials.password())) {
            return false;
        }
        requestHeaders.remove(credentialsHeader());
        return true;
    }

    /** {@return 407, or 401 in reverse mode} */
    public int challengeStatus() {
        return reverse ? 401 : 407;
    }

    /** {@return the reason phrase of {@link #challengeStatus()}} */
    public String challengeReason() {
        return reverse ? "Unauthorized" : "Proxy Authentication Required";
    }

    /** {@return the headers of the challenge response (authenticate header, type, length)} */
    public Headers challengeHeaders(int bodyLength) {
        return Headers.of(reverse ? "WWW-Authenticate" : "Proxy-Authenticate",
                "Basic realm=\"" + REALM + "\"", "Content-Type", "text/plain; charset=utf-8",
                "Content-Length", Integer.toString(bodyLength));
    }

    /** {@return the body of the challenge response} */
    public byte[] challengeBody() {
        return (challengeReason() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the credentials of a {@code Basic base64(user:pass)} header value, or null} */
    public static @Nullable Credentials parse(@Nullable String headerValue) {
        if (headerValue == null) {
            return null;
        }
        String value = headerValue.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return null;
        }
        String decoded;
        try {
            byte[] raw = Base64.getDecoder().decode(value.substring(space + 1).strip());
            decoded = new String(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null
                : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
