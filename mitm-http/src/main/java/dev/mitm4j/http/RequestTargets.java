package dev.mitm4j.http;

import dev.mitm4j.http.internal.Urls;
import java.util.Locale;

/**
 * Parses the four request-target forms for {@link Request#fromTarget}. The method must be a token
 * and the target visible ASCII (no SP, CR, LF, NUL or other control), so the parts taken from them
 * go into the request without the model's per-field checks (see
 * {@link Request.Builder#validatedTarget}).
 */
final class RequestTargets {
    private RequestTargets() {}

    static Request parse(String method, String target, String httpVersion, Headers headers) {
        HeadText.token("method", method);
        if (target.isEmpty()) {
            throw new IllegalArgumentException("empty request-target");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException(String.format(
                        "invalid char 0x%02x in request-target at index %d", (int) c, i));
            }
        }
        Request.Builder b = Request.builder().httpVersion(httpVersion).headers(headers);
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw new IllegalArgumentException("asterisk-form is only allowed with OPTIONS");
            }
            return b.validatedTarget(method, "", "", "", 0, "*").build();
        } else if (target.startsWith("/")) {
            return b.validatedTarget(method, "", "", "", 0, target).build();
        } else if (method.equals("CONNECT")) {
            return authorityForm(b, target);
        }
        return absoluteForm(b, method, target);
    }

    private static Request authorityForm(Request.Builder b, String target) {
        Urls.HostPort hp = parse(target, "authority-form");
        if (hp.port() == null || hp.port() == 0) {
            throw new IllegalArgumentException("authority-form needs a port: "
                    + "expected host:port");
        }
        return b.validatedTarget("CONNECT", "", target, hp.host(), hp.port(), "").build();
    }

    private static Request absoluteForm(Request.Builder b, String method, String target) {
        int sep = target.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("request-target is neither origin-form (/path), "
                    + "absolute-form (scheme://authority/path), authority-form (CONNECT) nor *");
        }
        String scheme = target.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = target.substring(sep + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        if (authority.indexOf('?') >= 0 || authority.indexOf('#') >= 0) {
            int q = indexOfQueryStart(authority);
            path = "/" + authority.substring(q) + (slash < 0 ? "" : rest.substring(slash));
            authority = authority.substring(0, q);
        }
        Urls.HostPort hp = parse(authority, "absolute-form");
        Integer port = hp.port() != null ? hp.port() : Urls.defaultPort(scheme);
        if (port == null) {
            throw new IllegalArgumentException("absolute-form with scheme '" + scheme
                    + "' needs an explicit port");
        }
        return b.validatedTarget(method, scheme, authority, hp.host(), port, path).build();
    }

    private static Urls.HostPort parse(String authority, String form) {
        if (authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException(form + " must not contain userinfo");
        }
        try {
            return Urls.parseAuthority(authority, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(form + " has an invalid host or port "
                    + "(IPv6 literals go in brackets: [::1]:443)", e);
        }
    }

    private static int indexOfQueryStart(String s) {
        int q = s.indexOf('?');
        int f = s.indexOf('#');
        return q < 0 ? f : f < 0 ? q : Math.min(q, f);
    }
}
