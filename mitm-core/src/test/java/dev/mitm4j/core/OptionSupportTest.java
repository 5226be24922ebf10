package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No option is accepted and then silently ignored: every option of the table is either honoured
 * (listed below with where), a documented no-op (its help says "Has no effect in mitm4j: ..."),
 * or rejects every value but its default with "... is not supported by mitm4j: why". An option
 * added to the table without being listed here must reject non-default values, or this fails.
 */
class OptionSupportTest {
    /** Options something reads, and where; keep in step with the code when adding one. */
    private static final Map<String, String> HONOURED = Map.ofEntries(
            Map.entry("listen_host", "ProxyServer binds each mode (Options.listenHostFor)"),
            Map.entry("listen_port", "ProxyServer binds each mode (Options.listenPortFor)"),
            Map.entry("mode", "ProxyServer: regular, socks5, reverse:, upstream: servers"),
            Map.entry("ignore_hosts", "HostRules: passthrough"),
            Map.entry("allow_hosts", "HostRules: only matching hosts intercepted"),
            Map.entry("tcp_hosts", "HostRules: raw TCP flows"),
            Map.entry("http_connect_send_host_header", "UpstreamConnector: CONNECT"),
            Map.entry("tcp_timeout", "Services.timeouts: idle connections"),
            Map.entry("shutdown_timeout", "ProxyServer.close: GracefulClose"),
            Map.entry("showhost", "mitmdump Dumper: display URLs"),
            Map.entry("confdir", "TlsSetup and Onboarding: the CA"),
            Map.entry("certs", "TlsSetup: user certificates"),
            Map.entry("cert_passphrase", "TlsSetup: CA, certs and client_certs keys"),
            Map.entry("client_certs", "TlsSetup: client certificates toward servers"),
            Map.entry("add_upstream_certs_to_client_chain", "Leaves: chain sent to clients"),
            Map.entry("upstream_cert", "TlsLayer: server handshake first"),
            Map.entry("key_size", "TlsSetup and Onboarding: CA key; RSA leaf key"),
            Map.entry("leaf_key_type", "TlsSetup and Leaves: key algorithms of leaves"),
            Map.entry("ssl_insecure", "ServerTls: no upstream verification"),
            Map.entry("ssl_verify_upstream_trusted_confdir", "UpstreamTrust"),
            Map.entry("ssl_verify_upstream_trusted_ca", "UpstreamTrust"),
            Map.entry("tls_version_client_min", "TlsSetup: versions toward clients"),
            Map.entry("tls_version_client_max", "TlsSetup: versions toward clients"),
            Map.entry("tls_version_server_min", "TlsSetup: versions toward servers"),
            Map.entry("tls_version_server_max", "TlsSetup: versions toward servers"),
            Map.entry("request_client_cert", "ClientTls: CertificateRequest"),
            Map.entry("tls_passthrough_untrusted", "TlsSetup: passthrough of untrusted hosts"),
            Map.entry("ssl_keylog_file", "TlsSetup: NSS key log"),
            Map.entry("ciphers_client", "ClientTls (CipherSuitesTest)"),
            Map.entry("ciphers_server", "ServerTls (CipherSuitesTest)"),
            Map.entry("connection_strategy", "ConnectHandler and Socks5Layer: eager connect"),
            Map.entry("stream_large_bodies", "RequestResponse and ResponsePhase: streaming"),
            Map.entry("body_size_limit", "RequestResponse and ResponsePhase: 413 / error"),
            Map.entry("body_memory_budget", "Bodies: streamed when over (LargeBodiesTest)"),
            Map.entry("connection_limit", "Listener: the cap (ConnectionCapTest)"),
            Map.entry("http1_max_start_line", "Services.limits: HTTP/1 parser"),
            Map.entry("http1_max_header_block", "Services.limits: HTTP/1 parser"),
            Map.entry("http1_max_header_count", "Services.limits: HTTP/1 parser"),
            Map.entry("http1_max_chunk_size_line", "Services.limits: HTTP/1 parser"),
            Map.entry("keep_host_header", "Exchange: reverse mode Host"),
            Map.entry("connect_addr", "UpstreamConnector: local address of upstream sockets"),
            Map.entry("keep_alt_svc_header", "DefaultAddons: UpdateAltSvc in reverse mode"),
            Map.entry("modify_headers", "DefaultAddons: ModifyHeaders"),
            Map.entry("modify_body", "DefaultAddons: ModifyBody"),
            Map.entry("map_remote", "DefaultAddons: MapRemote"),
            Map.entry("map_local", "DefaultAddons: MapLocal"),
            Map.entry("block_list", "DefaultAddons: BlockList"),
            Map.entry("anticache", "DefaultAddons: AntiCache"),
            Map.entry("anticomp", "DefaultAddons: AntiComp"),
            Map.entry("stickycookie", "DefaultAddons: StickyCookie"),
            Map.entry("stickyauth", "DefaultAddons: StickyAuth"),
            Map.entry("proxyauth", "DefaultAddons: ProxyAuth"),
            Map.entry("upstream_auth", "UpstreamConnector and DefaultAddons: UpstreamAuth"),
            Map.entry("block_global", "ClientAddressFilter"),
            Map.entry("block_private", "ClientAddressFilter"),
            Map.entry("client_replay", "mitmdump and ClientReplays"),
            Map.entry("client_replay_concurrency", "ClientReplays: executor"),
            Map.entry("server_replay", "mitm-replay ServerPlayback"),
            Map.entry("server_replay_extra", "ServerPlayback"),
            Map.entry("server_replay_kill_extra", "ServerPlayback"),
            Map.entry("server_replay_reuse", "ServerPlayback"),
            Map.entry("server_replay_nopop", "ServerPlayback"),
            Map.entry("server_replay_refresh", "ServerPlayback"),
            Map.entry("server_replay_use_headers", "ServerPlayback"),
            Map.entry("server_replay_ignore_content", "ServerPlayback"),
            Map.entry("server_replay_ignore_params", "ServerPlayback"),
            Map.entry("server_replay_ignore_payload_params", "ServerPlayback"),
            Map.entry("server_replay_ignore_host", "ServerPlayback"),
            Map.entry("server_replay_ignore_port", "ServerPlayback"),
            Map.entry("rfile", "mitmdump: read flows"),
            Map.entry("readfile_filter", "mitmdump: read flows"),
            Map.entry("save_stream_file", "mitm-replay SaveStream"),
            Map.entry("save_stream_filter", "mitm-replay SaveStream"),
            Map.entry("hardump", "mitm-replay HarDump"),
            Map.entry("flow_format_version", "mitm-replay SaveStream"),
            Map.entry("server", "ProxyServer and mitmdump -n"),
            Map.entry("keepserving", "mitmdump: exit after file work"),
            Map.entry("intercept", "DefaultAddons: Intercept"),
            Map.entry("onboarding", "DefaultAddons: Onboarding"),
            Map.entry("onboarding_host", "Onboarding"),
            Map.entry("termlog_verbosity", "mitmdump DumperAddon"),
            Map.entry("flow_detail", "mitmdump Dumper"),
            Map.entry("dumper_filter", "mitmdump Dumper"));

    /** Options mitmproxy itself treats as no-ops in mitmdump, or whose both values match us. */
    private static final Set<String> NO_EFFECT = Set.of("websocket", "http2", "proxy_debug",
            "intercept_active");

    static Stream<Options.Description> options() {
        return Options.describe().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void everyOptionIsHonouredDocumentedOrRejectsOtherValues(Options.Description option) {
        String name = option.name();
        if (HONOURED.containsKey(name)) {
            assertFalse(option.help().contains("Has no effect in mitm4j"), name);
            return;
        }
        if (NO_EFFECT.contains(name)) {
            assertTrue(option.help().contains("Has no effect in mitm4j: "), option.help());
            Options.builder().set(name, nonDefault(option)).build();
            return;
        }
        String value = nonDefault(option);
        IllegalArgumentException e;
        try {
            Options.builder().set(name, value);
            fail("option " + name + " is neither listed as honoured nor documented as a no-op, "
                    + "yet accepts \"" + value + "\": honour it, or reject non-default values");
            return;
        } catch (IllegalArgumentException thrown) {
            e = thrown;
        }
        assertTrue(e.getMessage().contains("option " + name + "=" + value
                + " is not supported by mitm4j: "), e.getMessage());
        assertTrue(option.help().contains("mitm4j supports only the default: "), option.help());
        assertEquals(option.defaultValue(), Options.builder().set(name, option.defaultValue())
                .build().valueAsString(name));
    }

    @Test
    void theListsNameOptionsOfTheTableOnce() {
        Set<String> all = new HashSet<>(Options.names());
        assertTrue(all.containsAll(HONOURED.keySet()), HONOURED.keySet().toString());
        assertTrue(all.containsAll(NO_EFFECT), NO_EFFECT.toString());
        for (String name : NO_EFFECT) {
            assertFalse(HONOURED.containsKey(name), name);
        }
    }

    @Test
    void aNonDefaultValueOfAnUnsupportedOptionFailsNamingTheOptionAndWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("store_streamed_bodies", "true"));
        assertEquals("Invalid value \"true\" for option store_streamed_bodies: option "
                + "store_streamed_bodies=true is not supported by mitm4j: streamed bodies are "
                + "passed on, never kept; expected its default, false", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("rawtcp", "toggle"));
        assertTrue(Options.builder().set("rawtcp", "true").build().rawtcp());
    }

    /** {@return a value of {@code option}'s type other than its default} */
    private static String nonDefault(Options.Description option) {
        String dflt = option.defaultValue();
        if (!option.choices().isEmpty()) {
            return option.choices().stream().filter(c -> !c.equalsIgnoreCase(dflt)).findFirst()
                    .orElseThrow();
        }
        return switch (option.type()) {
            case "bool" -> dflt.equals("true") ? "false" : "true";
            case "int" -> Integer.toString(Integer.parseInt(dflt) + 1);
            case "Optional[int]" -> "1";
            case "Sequence[str]" -> "x";
            default -> dflt.isEmpty() ? "x" : dflt + "x";
        };
    }
}
