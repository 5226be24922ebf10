package dev.mitm4j.replay.internal;

import static dev.mitm4j.replay.internal.Migrations.dict;
import static dev.mitm4j.replay.internal.Migrations.rename;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a current-version state (21) into an older one for tools that cannot read 21. Only
 * version 17 is offered: mitmproxy 8.1's format (Debian 12), whose connection states have the
 * old field names and a {@code state} field, and which rejects unknown keys.
 */
public final class Downgrades {
    /** The versions {@link #to(int, Map)} can produce. */
    public static final Set<Integer> VERSIONS = Set.of(17, FlowStates.VERSION);

    private Downgrades() {}

    /**
     * {@return {@code version}, when it can be written}
     *
     * @throws IllegalArgumentException naming the accepted versions and who reads them
     */
    public static int checked(int version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("flow format version " + version
                    + " cannot be written; the accepted versions are " + FlowStates.VERSION
                    + " (read by mitmproxy 10.2 and later, the default) and 17 (read by mitmproxy"
                    + " 8.1 and later)");
        }
        return version;
    }

    /**
     * {@return {@code state} (modified in place) in format {@code version}}
     *
     * @throws IllegalArgumentException for a version not in {@link #VERSIONS}
     */
    public static Map<String, @Nullable Object> to(int version,
            Map<String, @Nullable Object> state) {
        if (version == FlowStates.VERSION) {
            return state;
        }
        checked(version);
        Map<String, @Nullable Object> client = dict(state, "client_conn");
        Map<String, @Nullable Object> server = dict(state, "server_conn");
        for (Map<String, @Nullable Object> c : List.of(client, server)) {
            if ("QUICv1".equals(c.get("tls_version"))) {
                c.put("tls_version", "QUIC");
            }
            c.put("state", 0L);
            c.put("tls_established", c.get("timestamp_tls_setup") != null);
            rename(c, "cipher", "cipher_name");
            c.remove("transport_protocol");
        }
        rename(client, "peername", "address");
        client.put("tls_extensions", new ArrayList<>());
        client.remove("proxy_mode");
        rename(server, "peername", "ip_address");
        rename(server, "sockname", "source_address");
        rename(server, "via", "via2");
        server.put("via", null);
        state.put("version", 17L);
        return state;
    }
}
