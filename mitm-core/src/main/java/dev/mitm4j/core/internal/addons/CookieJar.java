package dev.mitm4j.core.internal.addons;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The sticky cookie jar: cookie values by origin (domain, port, path) and name, as mitmproxy's
 * {@code stickycookie} keeps them. Domains match as {@code http.cookiejar.domain_match} does,
 * also with a leading dot removed. Thread-safe.
 */
final class CookieJar {
    /** Where a cookie applies. */
    record Origin(String domain, int port, String path) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Origin, Map<String, String>> jar = new LinkedHashMap<>();

    /** Stores (or, when expired, removes) cookie {@code name} for {@code origin}. */
    void put(Origin origin, String name, String value, boolean expired) {
        lock.lock();
        try {
            if (expired) {
                Map<String, String> cookies = jar.get(origin);
                if (cookies != null) {
                    cookies.remove(name);
                    if (cookies.isEmpty()) {
                        jar.remove(origin);
                    }
                }
            } else {
                jar.computeIfAbsent(origin, o -> new LinkedHashMap<>()).put(name, value);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return the cookies for a request to {@code host:port} with {@code path}, in jar order} */
    List<Map.Entry<String, String>> cookiesFor(String host, int port, String path) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        lock.lock();
        try {
            jar.forEach((origin, cookies) -> {
                if (domainMatch(host, origin.domain()) && origin.port() == port
                        && path.startsWith(origin.path())) {
                    out.addAll(List.copyOf(cookies.entrySet()));
                }
            });
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** mitmproxy's {@code domain_match}: cookiejar's rule, or the same with dots stripped. */
    static boolean domainMatch(String host, String domain) {
        return cookiejarDomainMatch(host, domain)
                || cookiejarDomainMatch(host, stripDots(domain));
    }

    private static boolean cookiejarDomainMatch(String a, String b) {
        a = a.toLowerCase(Locale.ROOT);
        b = b.toLowerCase(Locale.ROOT);
        if (a.equals(b)) {
            return true;
        }
        if (!isHostDomainName(a)) {
            return false;
        }
        int i = a.lastIndexOf(b);
        return i > 0 && b.startsWith(".") && isHostDomainName(b.substring(1));
    }

    private static boolean isHostDomainName(String s) {
        return !s.isEmpty() && !s.matches("[0-9.]+") && !s.contains(":") && !s.startsWith(".")
                && !s.endsWith(".");
    }

    private static String stripDots(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '.') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(start, end);
    }

    /** mitmproxy's {@code cookies.is_expired}: Expires in the past or Max-Age at most 0. */
    static boolean expired(@Nullable String expires, @Nullable String maxAge, Instant now) {
        if (expires != null) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(expires.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME);
                if (at.toInstant().isBefore(now)) {
                    return true;
                }
            } catch (DateTimeParseException e) {
                // unparsable: not expired, as in mitmproxy
            }
        }
        if (maxAge != null) {
            try {
                return Integer.parseInt(maxAge.trim()) <= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }
}
