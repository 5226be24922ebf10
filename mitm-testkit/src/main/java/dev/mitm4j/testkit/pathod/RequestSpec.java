package dev.mitm4j.testkit.pathod;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed pathoc request spec: {@code method:path[:feature]*}, for example
 * {@code get:/p/:s'401:ir,@1'} or {@code post:'/upload':b@1k:h"X"="y"}. Immutable and thread-safe.
 *
 * <p>The method is a bare word (upper-cased: {@code get} sends GET) or a quoted value; the path is
 * a quoted value or bare text up to the next {@code :} (a full URL makes a proxy-style request).
 * Features: {@code h VALUE=VALUE}, {@code c VALUE} Content-Type, {@code u VALUE} or
 * {@code uSHORTCUT} User-Agent, {@code b VALUE} body, {@code r} raw (no automatic Host or
 * Content-Length), {@code s VALUE} a response spec appended (percent-encoded) to the path,
 * {@code x INTEGER} send it N times, and the actions {@code p}, {@code i}, {@code d} as in
 * {@link ResponseSpec}. Not supported: {@code ws} and file values.
 *
 * @param method the method
 * @param path the path, embedded response spec included
 * @param headers headers in order
 * @param body the body, or null
 * @param raw whether Host and Content-Length are left to the spec
 * @param times how many times the request is sent
 * @param actions pauses, injections and disconnects
 */
public record RequestSpec(String method, String path, List<Header> headers, @Nullable Value body,
        boolean raw, int times, List<Action> actions) {
    private static final Map<String, String> AGENTS = Map.of(
            "android", "Mozilla/5.0 (Linux; Android 14) Mobile",
            "blackberry", "BlackBerry9700/5.0.0.862 Profile/MIDP-2.1",
            "bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "chrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0",
            "firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            "googlebot", "Googlebot/2.1 (+http://www.googlebot.com/bot.html)",
            "ie9", "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
            "ipad", "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Mobile Safari",
            "iphone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile Safari",
            "safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Version/17.0 Safari");

    public RequestSpec {
        headers = List.copyOf(headers);
        actions = List.copyOf(actions);
    }

    /**
     * {@return the spec parsed}
     *
     * @throws PathodSpecException naming the problem and its offset
     */
    public static RequestSpec parse(String spec) {
        SpecParser p = new SpecParser(spec);
        if (p.accept("ws:")) {
            throw p.error("websocket requests are not supported");
        }
        String method = p.peek() == '"' || p.peek() == '\''
                ? p.value().text()
                : p.run("a method", Character::isLetter).toUpperCase(Locale.ROOT);
        p.expect(':');
        StringBuilder path = new StringBuilder(p.peek() == '"' || p.peek() == '\''
                ? p.value().text() : p.run("a path", c -> c != ':'));
        List<Header> headers = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        Value body = null;
        boolean raw = false;
        int times = 1;
        while (!p.atEnd()) {
            p.expect(':');
            int at = p.pos();
            char f = p.next();
            switch (f) {
                case 'h' -> headers.add(Features.header(p));
                case 'c' -> headers.add(new Header(Value.literal("Content-Type"), p.value()));
                case 'u' -> headers.add(new Header(Value.literal("User-Agent"), agent(p)));
                case 'b' -> body = p.value();
                case 'r' -> raw = true;
                case 's' -> path.append(PercentCodec.encode(embedded(p)));
                case 'x' -> times = (int) Math.min(p.integer(), 10_000);
                default -> actions.add(Features.action(p, f, at));
            }
        }
        return new RequestSpec(method, path.toString(), headers, body, raw, times, actions);
    }

    private static Value agent(SpecParser p) {
        if (Character.isLetter(p.peek())) {
            int at = p.pos();
            String name = p.run("a user agent shortcut", Character::isLetterOrDigit);
            String agent = AGENTS.get(name);
            if (agent == null) {
                throw p.errorAt("unknown user agent shortcut '" + name + "'", at);
            }
            return Value.literal(agent);
        }
        return p.value();
    }

    private static String embedded(SpecParser p) {
        int at = p.pos();
        String response = p.value().text();
        try {
            ResponseSpec.parse(response);
        } catch (PathodSpecException e) {
            throw p.errorAt("embedded response spec: " + e.getMessage().lines().findFirst()
                    .orElse(""), at);
        }
        return response;
    }

    /** {@return the message for {@code host} (the Host header unless raw or set)} */
    public CraftedMessage message(String host) {
        List<Header> all = new ArrayList<>();
        boolean hasHost = headers.stream().anyMatch(h -> h.name().text().equalsIgnoreCase("Host"));
        if (!raw && !hasHost) {
            all.add(new Header(Value.literal("Host"), Value.literal(host)));
        }
        all.addAll(headers);
        boolean lengthless = raw || body == null;
        return CraftedMessage.of(method + " " + path + " HTTP/1.1", all, body, lengthless);
    }
}
