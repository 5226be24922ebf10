package dev.mitm4j.replay.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Brings flow states of older format versions forward to {@link FlowStates#VERSION}, one
 * version at a time, with the same field changes as mitmproxy's {@code io/compat.py}: the
 * release tuples of mitmproxy 0.11 to 3.0 ({@code [0, 11, 3]}) to version 4 through
 * {@link TupleVersions}, then 4 to 21 here; as in mitmproxy, 0.10 and older are refused. One
 * instance per file: the 11 to 12 step merges the old separate "websocket" flows into the HTTP
 * handshake flow read earlier in the same file, so it remembers those handshakes. Not
 * thread-safe.
 */
public final class Migrations {
    /** The oldest integer version; older files carry a release tuple (0.11 to 3.0). */
    public static final int OLDEST = 4;

    private final Map<String, Map<String, @Nullable Object>> handshakes = new HashMap<>();

    /**
     * Migrates {@code state} in place (or replaces it) and returns the current-version state.
     *
     * @throws BadStateException for a version that is too old, too new or malformed
     */
    public Map<String, @Nullable Object> migrate(Map<String, @Nullable Object> state) {
        Map<String, @Nullable Object> s = state;
        if (s.get("version") instanceof List<?> release) {
            s = TupleVersions.toVersion4(s, release);
        }
        int version = version(s);
        if (version > FlowStates.VERSION) {
            throw new BadStateException("flow format version " + version + " is newer than "
                    + FlowStates.VERSION + " (please update mitm4j)");
        }
        if (version < OLDEST) {
            throw new BadStateException("flow format version " + version + " is not a version "
                    + "of mitmproxy (integer versions start at " + OLDEST + ")");
        }
        while (version < FlowStates.VERSION) {
            s = step(version, s);
            version++;
            s.put("version", (long) version);
        }
        return s;
    }

    private static int version(Map<String, @Nullable Object> s) {
        Object v = s.get("version");
        if (v instanceof Long n) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(n, Integer.MAX_VALUE));
        }
        throw new BadStateException("flow state has no version");
    }

    private Map<String, @Nullable Object> step(int from, Map<String, @Nullable Object> s) {
        switch (from) {
            case 4 -> eachConn(s, true, c -> c.put("id", UUID.randomUUID().toString()));
            case 5 -> eachConn(s, true, c -> {
                rename(c, "ssl_established", "tls_established");
                rename(c, "timestamp_ssl_setup", "timestamp_tls_setup");
            });
            case 6 -> dict(s, "client_conn").put("tls_extensions", null);
            case 7 -> LegacySteps.addTrailers(s);
            case 8 -> LegacySteps.replayFlags(s);
            case 9 -> LegacySteps.connectionFacts9(s);
            case 10 -> LegacySteps.connectionFacts10(s);
            case 11 -> {
                return mergeWebSocket(s);
            }
            case 12 -> s.put("marked", truthy(s.get("marked")) ? ":default:" : "");
            case 13 -> LegacySteps.commentAndResponseTimes(s);
            case 14 -> LegacySteps.injectedFlag(s);
            case 15 -> LegacySteps.timestampCreated(s);
            case 16 -> s.remove("mode");
            case 17 -> dict(s, "client_conn").put("proxy_mode", "regular");
            case 18 -> LegacySteps.renameConnectionFields(s);
            case 19 -> eachConn(s, false, c -> c.remove("state"));
            case 20 -> eachConn(s, false, c -> {
                if ("QUIC".equals(c.get("tls_version"))) {
                    c.put("tls_version", "QUICv1");
                }
            });
            default -> throw new BadStateException("no migration from version " + from);
        }
        return s;
    }

    /** 11 to 12: a "websocket" flow becomes its handshake HTTP flow with a websocket field. */
    private Map<String, @Nullable Object> mergeWebSocket(Map<String, @Nullable Object> s) {
        Map<String, @Nullable Object> meta = dict(s, "metadata");
        if (meta.containsKey("websocket")) {
            handshakes.put(String.valueOf(s.get("id")), deepCopy(s));
        }
        if (!meta.containsKey("websocket_handshake")) {
            s.put("websocket", null);
            return s;
        }
        Map<String, @Nullable Object> handshake =
                handshakes.remove(String.valueOf(meta.get("websocket_handshake")));
        Map<String, @Nullable Object> merged = handshake != null ? handshake
                : LegacySteps.dummyHandshake(s);
        dict(merged, "metadata").put("duplicated", "This WebSocket flow has been migrated from"
                + " an old file format version and may appear duplicated.");
        Map<String, @Nullable Object> ws = new LinkedHashMap<>();
        ws.put("messages", s.get("messages"));
        ws.put("closed_by_client", "client".equals(text(s.get("close_sender"))));
        ws.put("close_code", s.get("close_code"));
        ws.put("close_reason", s.get("close_reason"));
        Object server = merged.get("server_conn");
        ws.put("timestamp_end", server instanceof Map<?, ?> m ? m.get("timestamp_end") : null);
        merged.put("websocket", ws);
        return merged;
    }

    static @Nullable String text(@Nullable Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                : o == null ? null : o.toString();
    }

    static boolean truthy(@Nullable Object o) {
        return switch (o) {
            case null -> false;
            case Boolean b -> b;
            case Long n -> n != 0;
            case String str -> !str.isEmpty();
            case byte[] b -> b.length > 0;
            default -> true;
        };
    }

    static void rename(Map<String, @Nullable Object> m, String from, String to) {
        m.put(to, m.remove(from));
    }

    /** Applies {@code f} to client_conn, server_conn and (if asked and present) the via. */
    static void eachConn(Map<String, @Nullable Object> s, boolean withVia,
            java.util.function.Consumer<Map<String, @Nullable Object>> f) {
        f.accept(dict(s, "client_conn"));
        Map<String, @Nullable Object> server = dict(s, "server_conn");
        f.accept(server);
        if (withVia && server.get("via") instanceof Map<?, ?>) {
            f.accept(dict(server, "via"));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> dict(Map<String, @Nullable Object> s, String key) {
        if (s.get(key) instanceof Map<?, ?> m) {
            return (Map<String, @Nullable Object>) m;
        }
        throw new BadStateException(key + " is missing or not a dict");
    }

    @SuppressWarnings("unchecked")
    static <T> @Nullable T deepCopy(@Nullable T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<@Nullable Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
