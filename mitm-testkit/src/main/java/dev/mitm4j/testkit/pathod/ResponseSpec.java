package dev.mitm4j.testkit.pathod;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed pathod response spec: {@code code[:feature]*}, for example
 * {@code 200:b@100:h"X"="y":c"text/json":da}. Immutable and thread-safe; random parts (generated
 * values, {@code r} offsets) are drawn anew each time the response is written.
 *
 * <p>Features: {@code m VALUE} reason; {@code h VALUE=VALUE} header; {@code c VALUE} Content-Type;
 * {@code l VALUE} Location; {@code b VALUE} body; {@code r} raw (no automatic Content-Length);
 * {@code p OFFSET,SECONDS|f} pause; {@code i OFFSET,VALUE} inject; {@code d OFFSET} disconnect.
 * Offsets count bytes of the whole message (status line, headers, body) before injections.
 * Not supported: {@code ws} responses and file values ({@code <path}).
 *
 * @param code the status code
 * @param reason the reason phrase, or null for the standard one
 * @param headers headers in order, {@code c} and {@code l} included
 * @param body the body, or null for none
 * @param raw whether the automatic {@code Content-Length} is left out
 * @param actions pauses, injections and disconnects in spec order
 */
public record ResponseSpec(int code, @Nullable Value reason, List<Header> headers,
        @Nullable Value body, boolean raw, List<Action> actions) {

    public ResponseSpec {
        headers = List.copyOf(headers);
        actions = List.copyOf(actions);
    }

    /**
     * {@return the spec parsed}
     *
     * @throws PathodSpecException naming the problem and its offset
     */
    public static ResponseSpec parse(String spec) {
        SpecParser p = new SpecParser(spec);
        if (p.accept("ws")) {
            throw p.error("websocket responses are not supported");
        }
        int code = (int) Math.min(p.integer(), 999);
        Value reason = null;
        Value body = null;
        boolean raw = false;
        List<Header> headers = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        while (!p.atEnd()) {
            p.expect(':');
            int at = p.pos();
            char f = p.next();
            switch (f) {
                case 'm' -> reason = p.value();
                case 'h' -> headers.add(Features.header(p));
                case 'c' -> headers.add(new Header(Value.literal("Content-Type"), p.value()));
                case 'l' -> headers.add(new Header(Value.literal("Location"), p.value()));
                case 'b' -> body = p.value();
                case 'r' -> raw = true;
                default -> actions.add(Features.action(p, f, at));
            }
        }
        return new ResponseSpec(code, reason, headers, body, raw, actions);
    }

    /** {@return the message this spec describes, before actions} */
    public CraftedMessage message() {
        String reasonText = reason != null ? reason.text() : Reasons.of(code);
        return CraftedMessage.of("HTTP/1.1 " + code + " " + reasonText, headers, body, raw);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(code);
        if (reason != null) {
            sb.append(":m").append(reason);
        }
        headers.forEach(h -> sb.append(':').append(h));
        if (body != null) {
            sb.append(":b").append(body);
        }
        if (raw) {
            sb.append(":r");
        }
        actions.forEach(a -> sb.append(':').append(a));
        return sb.toString();
    }
}
