package dev.mitm4j.replay.internal;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import dev.mitm4j.http.WebSocketData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Converts a whole flow state of the current format version ({@value #VERSION}) to a model
 * {@link Flow} and back. Loaded flows are not live. Not kept: {@code intercepted} (a loaded flow
 * is never held) and {@code backup} (mitmproxy's undo state).
 */
public final class FlowStates {
    /** The flow format version this class reads and writes (mitmproxy 10.2 and later). */
    public static final int VERSION = 21;

    private FlowStates() {}

    /**
     * {@return the flow described by {@code state}, or null when its type ("udp", "dns") has
     * no model}
     *
     * @throws BadStateException when the state is malformed
     */
    public static @Nullable Flow toFlow(State s) {
        String type = s.requireText("type");
        ClientConnection client = ConnectionStates.client(s.requireDict("client_conn"));
        ServerConnection server = ConnectionStates.server(s.requireDict("server_conn"));
        Flow flow = switch (type) {
            case "http" -> http(s, client, server);
            case "tcp" -> tcp(s, client, server);
            default -> null;
        };
        if (flow != null) {
            flowFields(flow, s);
        }
        return flow;
    }

    private static HttpFlow http(State s, ClientConnection client, ServerConnection server) {
        Request request = MessageStates.request(s.requireDict("request"));
        HttpFlow f = new HttpFlow(client, server, request, false);
        State response = s.dict("response");
        f.response(response == null ? null : MessageStates.response(response));
        State ws = s.dict("websocket");
        if (ws != null) {
            f.websocket(WebSocketStates.webSocket(ws));
        }
        return f;
    }

    private static TcpFlow tcp(State s, ClientConnection client, ServerConnection server) {
        TcpFlow f = new TcpFlow(client, server, false);
        List<@Nullable Object> messages = s.list("messages");
        if (messages != null) {
            for (Object m : messages) {
                if (!(m instanceof List<?> l) || l.size() < 3 || !(l.get(0) instanceof Boolean c)
                        || !(l.get(1) instanceof byte[] content)
                        || !(l.get(2) instanceof Number t)) {
                    throw s.wrong("messages", "a list of [from_client, content, timestamp]");
                }
                f.messages().add(new TcpMessage(c, content, State.instant(t.doubleValue())));
            }
        }
        return f;
    }

    private static void flowFields(Flow f, State s) {
        f.id(s.requireText("id"));
        State error = s.dict("error");
        if (error != null) {
            Instant at = error.instant("timestamp");
            f.error(new FlowError(error.requireText("msg"), at == null ? Instant.EPOCH : at));
        }
        String replay = s.text("is_replay");
        f.isReplay(replay == null || replay.isEmpty() ? null : replay);
        Object marked = s.raw("marked");
        f.marker(marked instanceof Boolean b ? (b ? Flow.DEFAULT_MARKER : "")
                : s.text("marked") == null ? "" : s.text("marked"));
        String comment = s.text("comment");
        f.comment(comment == null ? "" : comment);
        State metadata = s.dict("metadata");
        if (metadata != null) {
            for (Map.Entry<String, @Nullable Object> e : metadata.map().entrySet()) {
                f.metadata().put(e.getKey(), e.getValue());
            }
        }
        Instant created = s.instant("timestamp_created");
        if (created != null) {
            f.timestampCreated(created);
        }
    }

    /**
     * {@return the state of {@code flow} in the current format; metadata values without a
     * tnetstring encoding are left out and reported to {@code skipped}}
     *
     * @throws IllegalArgumentException for a flow type that cannot be written
     */
    public static Map<String, @Nullable Object> toState(Flow flow, Consumer<String> skipped) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("version", (long) VERSION);
        m.put("type", flow.type());
        m.put("id", flow.id());
        FlowError e = flow.error();
        m.put("error", e == null ? null : errorState(e));
        m.put("client_conn", ConnectionStates.clientState(flow.client()));
        m.put("server_conn", ConnectionStates.serverState(flow.server()));
        m.put("intercepted", false);
        m.put("is_replay", flow.isReplay());
        m.put("marked", flow.marker());
        m.put("metadata", metadataState(flow.metadata(), skipped));
        m.put("comment", flow.comment());
        m.put("timestamp_created", State.seconds(flow.timestampCreated()));
        switch (flow) {
            case HttpFlow h -> httpState(h, m);
            case TcpFlow t -> m.put("messages", tcpMessages(t));
            default -> throw new IllegalArgumentException("cannot write flows of type "
                    + flow.type());
        }
        return m;
    }

    private static void httpState(HttpFlow h, Map<String, @Nullable Object> m) {
        m.put("request", MessageStates.requestState(h.request()));
        m.put("response", h.response() == null ? null
                : MessageStates.responseState(h.response()));
        WebSocketData ws = h.websocket();
        m.put("websocket", ws == null ? null : WebSocketStates.state(ws));
    }

    private static List<Object> tcpMessages(TcpFlow t) {
        List<Object> out = new ArrayList<>();
        for (TcpMessage msg : t.messages()) {
            out.add(new ArrayList<>(List.of(msg.fromClient(), msg.content(),
                    State.seconds(msg.timestamp()))));
        }
        return out;
    }

    private static Map<String, @Nullable Object> errorState(FlowError e) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("msg", e.msg());
        m.put("timestamp", State.seconds(e.timestamp()));
        return m;
    }

    private static Map<String, @Nullable Object> metadataState(Map<String, Object> metadata,
            Consumer<String> skipped) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            if (encodable(e.getValue(), 0)) {
                out.put(e.getKey(), e.getValue());
            } else {
                skipped.accept(e.getKey());
            }
        }
        return out;
    }

    private static boolean encodable(@Nullable Object v, int depth) {
        if (depth > 32) {
            return false;
        }
        return switch (v) {
            case null -> true;
            case String s -> true;
            case byte[] b -> true;
            case Boolean b -> true;
            case Long n -> true;
            case Integer n -> true;
            case Short n -> true;
            case Double d -> true;
            case Float f -> true;
            case List<?> l -> l.stream().allMatch(x -> encodable(x, depth + 1));
            case Map<?, ?> map -> map.entrySet().stream().allMatch(
                    x -> x.getKey() instanceof String && encodable(x.getValue(), depth + 1));
            default -> false;
        };
    }
}
