package dev.mitm4j.filter.internal;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Message;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import dev.mitm4j.http.WebSocketData;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code ~b}, {@code ~bq}, {@code ~bs}: the decoded HTTP bodies (the raw body when it does not
 * decode, as mitmproxy's {@code get_content(strict=False)}), or the messages of a TCP flow sent
 * by the client ({@code bq}) or the server ({@code bs}), and likewise the messages of an HTTP
 * flow's WebSocket part, as mitmproxy.
 */
final class BodyMatchers {
    private BodyMatchers() {
    }

    static FlowMatcher body(TextSearch regex, boolean client, boolean server) {
        return flow -> {
            if (flow instanceof HttpFlow h) {
                return (client && matches(regex, h.request()))
                        || (server && h.response() instanceof Response r && matches(regex, r))
                        || (h.websocket() instanceof WebSocketData ws
                                && webSocket(regex, ws.messages(), client, server));
            }
            if (flow instanceof TcpFlow t) {
                return tcp(regex, t.messages(), client, server);
            }
            return false;
        };
    }

    private static boolean matches(TextSearch regex, Message message) {
        byte[] content = decoded(message);
        return content != null && regex.find(new Latin1Chars(content));
    }

    private static byte @Nullable [] decoded(Message message) {
        try {
            return message.content(false);
        } catch (RuntimeException e) {
            return message.rawContent();    // a decoder bug must not make a filter throw
        }
    }

    private static boolean webSocket(TextSearch regex, List<WebSocketData.Message> messages,
            boolean client, boolean server) {
        for (int i = 0, n = messages.size(); i < n; i++) {
            WebSocketData.Message m = messages.get(i);
            if ((m.fromClient() ? client : server)
                    && regex.find(new Latin1Chars(m.content()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean tcp(TextSearch regex, List<TcpMessage> messages, boolean client,
            boolean server) {
        for (int i = 0, n = messages.size(); i < n; i++) {
            TcpMessage m = messages.get(i);
            if ((m.fromClient() ? client : server)
                    && regex.find(new Latin1Chars(m.content()))) {
                return true;
            }
        }
        return false;
    }
}
