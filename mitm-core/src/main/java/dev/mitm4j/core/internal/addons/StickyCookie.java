package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.MultiDict;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ResponseCookie;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code stickycookie FILTER}: every response's {@code Set-Cookie} cookies go into a
 * {@link CookieJar} keyed by (domain, port, path) (the request's host and port, the cookie's
 * {@code Domain} and {@code Path}, default "/"; only when the request host domain-matches;
 * expired cookies are removed). A request that matches the filter and has no {@code Cookie}
 * header gets the jar's cookies for its host, port and path, and the metadata
 * {@code stickycookie = true}. Thread-safe; the jar lives as long as the server.
 */
final class StickyCookie implements Addon {
    private final FlowFilter filter;
    private final CookieJar jar = new CookieJar();

    StickyCookie(FlowFilter filter) {
        this.filter = filter;
    }

    @Override
    public String name() {
        return "stickycookie";
    }

    @Override
    public void response(HttpFlow flow) {
        if (flow.response() == null) {
            return;
        }
        Request request = flow.request();
        Instant now = Instant.now();
        for (Map.Entry<String, ResponseCookie> e : flow.response().cookies().items(true)) {
            MultiDict attrs = e.getValue().attributes();
            String domain = attrs.contains("domain") ? attrs.get("domain") : request.host();
            String path = attrs.contains("path") ? attrs.get("path") : "/";
            if (CookieJar.domainMatch(request.host(), domain)) {
                boolean expired = CookieJar.expired(attrs.get("expires"), attrs.get("max-age"),
                        now);
                jar.put(new CookieJar.Origin(domain, request.port(), path), e.getKey(),
                        e.getValue().value(), expired);
            }
        }
    }

    @Override
    public void request(HttpFlow flow) {
        Request request = flow.request();
        if (request.headers().contains("Cookie") || !filter.test(flow)) {
            return;
        }
        List<Map.Entry<String, String>> cookies = jar.cookiesFor(request.host(), request.port(),
                request.path());
        if (!cookies.isEmpty()) {
            flow.metadata().put("stickycookie", true);
            request.headers().set("Cookie", cookies.stream()
                    .map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
    }
}
