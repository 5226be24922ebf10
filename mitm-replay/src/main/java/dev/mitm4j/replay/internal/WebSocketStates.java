package dev.mitm4j.replay.internal;

import dev.mitm4j.http.WebSocketData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts the {@code websocket} state of an HTTP flow ({@code messages} as
 * {@code [opcode, from_client, content, timestamp, dropped, injected]} lists, close facts) to
 * {@link WebSocketData} and back.
 */
final class WebSocketStates {
    private WebSocketStates() {}

    static WebSocketData webSocket(State s) {
        List<WebSocketData.Message> messages = new ArrayList<>();
        List<@Nullable Object> list = s.list("messages");
        if (list != null) {
            for (Object o : list) {
                messages.add(message(o, s));
            }
        }
        Object closedBy = s.raw("closed_by_client");
        Object code = s.raw("close_code");
        return new WebSocketData(messages, closedBy instanceof Boolean b ? b : null,
                code instanceof Long c ? c : null, s.text("close_reason"),
                s.instant("timestamp_end"));
    }

    private static WebSocketData.Message message(@Nullable Object o, State s) {
        if (!(o instanceof List<?> l) || l.size() < 4 || !(l.get(0) instanceof Long opcode)
                || !(l.get(1) instanceof Boolean fromClient)
                || !(l.get(3) instanceof Number t)) {
            throw s.wrong("messages", "a list of [type, from_client, content, timestamp, ...]");
        }
        byte[] content = switch (l.get(2)) {
            case byte[] b -> b;
            case String str -> str.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case null, default -> throw s.wrong("messages", "messages with bytes content");
        };
        boolean dropped = l.size() > 4 && Boolean.TRUE.equals(l.get(4));
        boolean injected = l.size() > 5 && Boolean.TRUE.equals(l.get(5));
        return new WebSocketData.Message(opcode.intValue(), fromClient, content,
                State.instant(t.doubleValue()), dropped, injected);
    }

    static Map<String, @Nullable Object> state(WebSocketData ws) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        List<Object> messages = new ArrayList<>();
        for (WebSocketData.Message msg : ws.messages()) {
            messages.add(new ArrayList<>(List.of((long) msg.opcode(), msg.fromClient(),
                    msg.content(), State.seconds(msg.timestamp()), msg.dropped(),
                    msg.injected())));
        }
        m.put("messages", messages);
        m.put("closed_by_client", ws.closedByClient());
        m.put("close_code", ws.closeCode());
        m.put("close_reason", ws.closeReason());
        m.put("timestamp_end", ConnectionStates.seconds(ws.timestampEnd()));
        return m;
    }
}
