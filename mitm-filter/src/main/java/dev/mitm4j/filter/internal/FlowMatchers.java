package dev.mitm4j.filter.internal;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.TcpFlow;
import java.net.InetSocketAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Matchers over what every flow type has: error, marks, comment, metadata, replay, addresses. */
final class FlowMatchers {
    private FlowMatchers() {
    }

    static FlowMatcher tcp() {
        return flow -> flow instanceof TcpFlow;
    }

    static FlowMatcher error() {
        return flow -> flow.error() != null;
    }

    static FlowMatcher marked() {
        return Flow::marked;
    }

    static FlowMatcher marker(TextSearch regex) {
        return flow -> regex.find(flow.marker());
    }

    static FlowMatcher comment(TextSearch regex) {
        return flow -> regex.find(flow.comment());
    }

    /** {@code ~meta}: "key: value" lines of the metadata, joined with LF, searched MULTILINE. */
    static FlowMatcher meta(TextSearch regex) {
        return flow -> regex.find(metaLines(flow.metadata()));
    }

    private static String metaLines(Map<String, Object> metadata) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(e.getKey()).append(": ").append(pythonStr(e.getValue()));
        }
        return sb.toString();
    }

    /** Values print as Python's {@code str()} would for the scalars flow files hold. */
    private static String pythonStr(@Nullable Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }

    /** {@code ~replay}: replayed in either direction. */
    static FlowMatcher replayed() {
        return flow -> flow.isReplay() != null;
    }

    /** {@code ~replayq} ("request": client replay), {@code ~replays} ("response"). */
    static FlowMatcher replayed(String kind) {
        return flow -> kind.equals(flow.isReplay());
    }

    /** {@code ~src}: the client's address. */
    static FlowMatcher src(TextSearch regex) {
        return flow -> address(regex, flow.client().peername());
    }

    /** {@code ~dst}: the server's address (as the proxy was asked to connect to it). */
    static FlowMatcher dst(TextSearch regex) {
        return flow -> address(regex, flow.server().address());
    }

    private static boolean address(TextSearch regex, @Nullable InetSocketAddress address) {
        return address != null && regex.find(Addresses.format(address));
    }
}
