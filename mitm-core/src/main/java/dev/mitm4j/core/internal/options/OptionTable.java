package dev.mitm4j.core.internal.options;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.addons.SpecForms;
import dev.mitm4j.core.internal.options.OptionDef.Check;
import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.tls.internal.engine.CipherSuites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every option mitm4j knows, with mitmproxy's names, types and defaults (see
 * {@code mitmproxy/options.py} and the addons' {@code load}). One deliberate difference:
 * {@code listen_host} defaults to {@code 127.0.0.1} instead of mitmproxy's {@code ""} (all
 * interfaces), so that a proxy started from a test or a laptop is not reachable from the network.
 */
public final class OptionTable {
    /** Starts the help of options mitm4j accepts but does not act on (see mitmproxy's help). */
    public static final String NO_EFFECT = "Has no effect in mitm4j: ";
    private static final Map<String, OptionDef> OPTIONS = build();

    private OptionTable() {}

    /** {@return every option by name, in the order {@code --options} lists them} */
    public static Map<String, OptionDef> all() {
        return OPTIONS;
    }

    private static Map<String, OptionDef> build() {
        List<OptionDef> l = new ArrayList<>();
        proxyServer(l);
        tls(l);
        connection(l);
        modify(l);
        auth(l);
        replay(l);
        logging(l);
        Map<String, OptionDef> byName = new LinkedHashMap<>();
        for (OptionDef def : l) {
            byName.put(def.name(), def);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    private static void proxyServer(List<OptionDef> l) {
        l.add(str("listen_host", "127.0.0.1", "Address to bind proxy server(s) to. mitm4j "
                + "default: 127.0.0.1 (mitmproxy: \"\" = all interfaces); \"\" binds all."));
        l.add(def("listen_port", OptionType.OPTIONAL_INT, null, "Port to bind proxy server(s) "
                + "to (default: the mode's port, 8080; socks5 1080).", range(0, 65535)));
        l.add(def("mode", OptionType.MODES, List.of(ProxyMode.parse("regular")),
                "The proxy server type(s) to spawn. Can be passed multiple times. Forms: "
                        + ProxyMode.FORMS + ".", Check.NONE));
        l.add(seq("ignore_hosts", "Ignore host and forward all traffic without processing it. "
                + "Regexes matched (case-insensitively) against host:port."));
        l.add(seq("allow_hosts", "Opposite of ignore_hosts: only intercept matching hosts."));
        l.add(seq("tcp_hosts", "Generic TCP SSL proxy mode for all hosts that match the regex."));
        l.add(defaultOnly(bool("rawtcp", true, "Enable/disable raw TCP connections."),
                "non-HTTP traffic always falls back to raw TCP"));
        l.add(bool("websocket", true, "Enable/disable WebSocket support. " + NO_EFFECT
                + "upgraded connections, WebSocket included, are relayed byte for byte (the "
                + "handshake is an HTTP flow; no websocket_message hooks yet), as with false."));
        l.add(bool("http2", true, "Enable/disable HTTP/2 support. " + NO_EFFECT + "it has no "
                + "HTTP/2 yet and never offers h2, so both values behave as false."));
        l.add(bool("http_connect_send_host_header", true,
                "Include a Host header in CONNECT requests sent to an upstream proxy."));
        l.add(def("tcp_timeout", OptionType.INT, 600,
                "Close inactive TCP connections after this many seconds.", range(0, 1 << 30)));
        l.add(def("shutdown_timeout", OptionType.INT, 5, "mitm4j: when the proxy shuts down "
                + "(SIGTERM, Ctrl-C, ProxyServer.close()), seconds that flows in progress get to "
                + "finish while no new connection is accepted; then the rest are killed and "
                + "saved as they are.", range(0, 3600)));
        l.add(bool("showhost", false, "Use the Host header to construct URLs for display "
                + "(mitmdump's output)."));
        l.add(str("confdir", "~/.mitmproxy", "Location of the default certificate authority."));
    }

    private static void tls(List<OptionDef> l) {
        l.add(seq("certs", "SSL certificates of the form \"[domain=]path\"."));
        l.add(secret("cert_passphrase", "Passphrase for decrypting the private key."));
        l.add(optStr("client_certs", "Client certificate file or directory."));
        l.add(bool("add_upstream_certs_to_client_chain", false,
                "Add all certificates of the upstream server to the chain sent to the client."));
        l.add(bool("upstream_cert", true, "Connect to upstream server to look up certificate "
                + "details."));
        l.add(def("key_size", OptionType.INT, 2048, "TLS key size for certificates and CA.",
                range(1024, 16384)));
        l.add(choice("leaf_key_type", "auto", List.of("auto", "ec", "rsa"), "mitm4j: key type "
                + "of the certificates shown to clients: auto = EC P-256 for clients that accept "
                + "ECDSA, RSA of key_size bits for the others; ec = EC only; rsa = RSA only "
                + "(mitmproxy's leaves)."));
        l.add(bool("ssl_insecure", false, "Do not verify upstream server SSL/TLS certificates."));
        l.add(optStr("ssl_verify_upstream_trusted_confdir",
                "Path to a directory of trusted CA certificates for upstream verification."));
        l.add(optStr("ssl_verify_upstream_trusted_ca",
                "Path to a PEM formatted trusted CA certificate."));
        List<String> versions = List.of("UNBOUNDED", "SSL3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3");
        l.add(choice("tls_version_client_min", "TLS1_2", versions, "Minimum TLS version for "
                + "client connections."));
        l.add(choice("tls_version_client_max", "UNBOUNDED", versions, "Maximum TLS version for "
                + "client connections."));
        l.add(choice("tls_version_server_min", "TLS1_2", versions, "Minimum TLS version for "
                + "server connections."));
        l.add(choice("tls_version_server_max", "UNBOUNDED", versions, "Maximum TLS version for "
                + "server connections."));
        l.add(bool("request_client_cert", false, "Requests a client certificate (TLS message "
                + "'CertificateRequest') to establish a mutual TLS connection between client and "
                + "mitmproxy (combined with 'client_certs' option for mitmproxy and upstream)."));
        l.add(bool("tls_passthrough_untrusted", false, "mitm4j: pass TLS through, uninspected, "
                + "to hosts whose clients rejected the proxy's certificate before."));
        l.add(optStr("ssl_keylog_file", "mitm4j: append TLS secrets of both legs in the NSS "
                + "key log format to this file (MITMPROXY_SSLKEYLOGFILE/SSLKEYLOGFILE also work)."));
        l.add(ciphers("ciphers_client", "The only cipher suites offered to clients (client <-> "
                + "mitm4j), in preference order. TLS versions none of them fits are turned off."));
        l.add(ciphers("ciphers_server", "The only cipher suites offered to servers (mitm4j <-> "
                + "server), in preference order. TLS versions none of them fits are turned off."));
    }

    private static void connection(List<OptionDef> l) {
        l.add(choice("connection_strategy", "eager", List.of("eager", "lazy"), "Determine when "
                + "server connections should be established."));
        l.add(size("stream_large_bodies", "Stream data to the client if the body exceeds this "
                + "size. Streamed bodies cannot be modified."));
        l.add(defaultOnly(bool("store_streamed_bodies", false, "Store HTTP request and response "
                + "bodies when streamed."), "streamed bodies are passed on, never kept"));
        l.add(size("body_size_limit", "Byte size limit of HTTP request and response bodies."));
        l.add(size("body_memory_budget", "mitm4j: how many bytes of request and response bodies "
                + "the flows in progress may buffer in memory together. A body that does not fit "
                + "(or is over 2 GiB) is streamed instead, with a warning naming the flow, and "
                + "not kept: its content is null and the flow's metadata \"streamed\" names it. "
                + "Empty: " + dev.mitm4j.core.internal.BodyBudget.DEFAULT_FORMULA + "."));
        l.add(def("connection_limit", OptionType.OPTIONAL_INT, null, "mitm4j: the most client "
                + "connections open at once, over all listeners; a connection over it is closed "
                + "at once, before any byte is read or written (logged at WARN once per streak). "
                + "Empty: " + dev.mitm4j.core.internal.ConnectionLimit.DEFAULT_FORMULA + ".",
                range(1, 1 << 30)));
        http1Limits(l);
        l.add(bool("keep_host_header", false, "Reverse proxy: keep the original Host header."));
        l.add(bool("proxy_debug", false, "Enable debug logs in the proxy core. " + NO_EFFECT
                + "use termlog_verbosity=debug."));
        l.add(defaultOnly(bool("validate_inbound_headers", true, "Make sure that incoming HTTP "
                + "requests are not malformed."), "inbound HTTP/1 headers are always validated"));
        l.add(def("connect_addr", OptionType.OPTIONAL_STR, null, "Set the local IP address used "
                + "for upstream connections.", OptionTable::checkIpLiteral));
        l.add(bool("keep_alt_svc_header", false, "Reverse proxy: keep Alt-Svc headers as-is."));
    }

    /**
     * The HTTP/1 parser's limits, for requests and responses alike: over one, a request gets 400
     * and a response 502. The defaults accept what browsers and mitmproxy accept.
     */
    private static void http1Limits(List<OptionDef> l) {
        l.add(bytes("http1_max_start_line", Http1Limits.DEFAULT_MAX_START_LINE, "mitm4j: the "
                + "longest HTTP/1 request line or status line accepted, line ending included."));
        l.add(bytes("http1_max_header_block", Http1Limits.DEFAULT_MAX_HEADER_BLOCK, "mitm4j: "
                + "the largest HTTP/1 header (or trailer) block accepted, all field lines and "
                + "the empty line after them."));
        l.add(def("http1_max_header_count", OptionType.INT, Http1Limits.DEFAULT_MAX_HEADER_COUNT,
                "mitm4j: the most HTTP/1 header (or trailer) fields accepted in one message.",
                range(1, Integer.MAX_VALUE)));
        l.add(bytes("http1_max_chunk_size_line", Http1Limits.DEFAULT_MAX_CHUNK_SIZE_LINE,
                "mitm4j: the longest chunk-size line (size, extensions, line ending) accepted "
                        + "in a chunked HTTP/1 body."));
    }

    private static void modify(List<OptionDef> l) {
        l.add(spec("modify_headers",
                "Header modify pattern \"[/flow-filter]/header-name/[@]value\"."));
        l.add(spec("modify_body",
                "Replacement pattern \"[/flow-filter]/regex/[@]replacement\"."));
        l.add(spec("map_remote",
                "Map remote resources: \"[/flow-filter]/url-regex/replacement\"."));
        l.add(spec("map_local",
                "Map local files: \"[/flow-filter]/url-regex/file-or-directory\"."));
        l.add(spec("block_list", "Block matching requests: \"/flow-filter/status-code\"."));
        l.add(bool("anticache", false, "Strip out request headers that might cause the server to "
                + "return 304-not-modified."));
        l.add(bool("anticomp", false, "Try to convince servers to send us un-compressed data."));
        l.add(filter("stickycookie", "Set sticky cookie filter. Matched against requests."));
        l.add(filter("stickyauth", "Set sticky auth filter. Matched against requests."));
    }

    private static void auth(List<OptionDef> l) {
        l.add(new OptionDef("proxyauth", OptionType.OPTIONAL_STR, null, "Require proxy "
                + "authentication: \"user:pass\", \"any\" or \"@path\" to an htpasswd file "
                + "(bcrypt, {SHA}, apr1).", List.of(), OptionTable::checkProxyauth, true,
                "user:pass, any or @path-to-htpasswd, or empty for none"));
        l.add(new OptionDef("upstream_auth", OptionType.OPTIONAL_STR, null, "Add HTTP Basic "
                + "authentication to upstream proxy and reverse proxy requests: \"user:pass\".",
                List.of(), OptionTable::checkUserPass, true, "user:pass, or empty for none"));
        l.add(bool("block_global", true, "Block connections from public IP addresses."));
        l.add(bool("block_private", false, "Block connections from local (private) IP addresses."));
    }

    private static void replay(List<OptionDef> l) {
        l.add(seq("client_replay", "Replay client requests from a saved file."));
        l.add(def("client_replay_concurrency", OptionType.INT, 1, "Concurrency limit on in-flight "
                + "client replay requests: 1 or -1 (unlimited).", v -> {
                    if ((Integer) v != 1 && (Integer) v != -1) {
                        throw new IllegalArgumentException("only 1 and -1 are allowed");
                    }
                }));
        l.add(seq("server_replay", "Replay server responses from a saved file."));
        l.add(str("server_replay_extra", "forward", "Behaviour for extra requests during "
                + "replay: forward, kill, 204, 400, 404, 500."));
        l.add(bool("server_replay_kill_extra", false, "Deprecated: server_replay_extra=kill."));
        l.add(bool("server_replay_reuse", false, "Don't remove flows from server replay state "
                + "after use."));
        l.add(bool("server_replay_nopop", false, "Deprecated: server_replay_reuse."));
        l.add(bool("server_replay_refresh", true, "Refresh server replay responses by adjusting "
                + "date, expires and last-modified headers."));
        l.add(seq("server_replay_use_headers", "Request headers that need to match."));
        l.add(bool("server_replay_ignore_content", false, "Ignore request content while searching "
                + "for a saved flow to replay."));
        l.add(seq("server_replay_ignore_params", "Request parameters to ignore."));
        l.add(seq("server_replay_ignore_payload_params", "Request payload parameters to ignore."));
        l.add(bool("server_replay_ignore_host", false, "Ignore the request host."));
        l.add(bool("server_replay_ignore_port", false, "Ignore the request port."));
        l.add(optStr("rfile", "Read flows from file (mitmdump -r; embedders: mitm-replay's "
                + "ReadFile)."));
        l.add(optStr("readfile_filter", "Read only matching flows (with rfile)."));
        l.add(optStr("save_stream_file", "Stream flows to file as they arrive. Prefix path "
                + "with + to append. The path may use Python strftime() directives (%Y-%m-%d, "
                + "...); missing directories are created, and a new file is opened whenever the "
                + "expanded name changes."));
        l.add(optStr("save_stream_filter", "Filter which flows are written to file."));
        l.add(str("hardump", "", "Save a HAR file with all flows on exit."));
        l.add(def("flow_format_version", OptionType.INT, 21, "Flow file format written by "
                + "save_stream_file: 21 (mitmproxy 10.2 and later) or 17 (mitmproxy 8.1, as in "
                + "Debian 12).", v -> {
                    if ((Integer) v != 21 && (Integer) v != 17) {
                        throw new IllegalArgumentException("only 17 and 21 are allowed");
                    }
                }));
        l.add(bool("server", true, "Start a proxy server. Enabled by default; mitmdump -n "
                + "turns it off: no listener, but file work and client replay still run."));
        l.add(bool("keepserving", false, "Continue serving after client playback, server "
                + "playback or file read (mitmdump; an embedded server runs until closed)."));
        l.add(bool("intercept_active", false, "Intercept toggle. " + NO_EFFECT + "a non-empty "
                + "intercept filter is always active (mitmproxy turns this on whenever intercept "
                + "is set; the toggle is a console key)."));
        l.add(filter("intercept", "Intercept filter expression."));
    }

    private static void logging(List<OptionDef> l) {
        l.add(bool("onboarding", true, "Toggle the mitm4j onboarding app."));
        l.add(str("onboarding_host", "mitm.it", "Onboarding app domain."));
        l.add(choice("termlog_verbosity", "info",
                List.of("error", "warn", "info", "alert", "debug"), "Log verbosity of mitmdump's "
                + "output (embedders: configure the SLF4J backend)."));
        l.add(def("flow_detail", OptionType.INT, 1, "The display detail level for flows in "
                + "mitmdump: 0 (quiet) to 4 (everything).", range(0, 4)));
        l.add(filter("dumper_filter", "Limit which flows mitmdump prints (the positional filter "
                + "of mitmdump wins when both are given)."));
    }

    /**
     * {@return {@code d} accepting only its default}: for options of features mitm4j lacks, so
     * that mitmdump command lines giving the default keep working and any other value fails
     */
    private static OptionDef defaultOnly(OptionDef d, String why) {
        Object dflt = d.defaultValue();
        Check check = value -> {
            if (!value.equals(dflt)) {
                throw new IllegalArgumentException("option " + d.name() + "=" + d.format(value)
                        + " is not supported by mitm4j: " + why);
            }
        };
        return new OptionDef(d.name(), d.type(), dflt, d.help() + " mitm4j supports only the "
                + "default: " + why + ".", d.choices(), check, d.secret(),
                "its default, " + d.format(dflt));
    }

    private static OptionDef ciphers(String name, String help) {
        return def(name, OptionType.OPTIONAL_STR, null, help, new Check() {
            @Override
            public void check(Object value) {
                CipherSuites.parse((String) value);
            }

            @Override
            public String form() {
                return CipherSuites.form();
            }
        });
    }

    private static OptionDef def(String name, OptionType type, @Nullable Object dflt,
            String help, Check check) {
        return new OptionDef(name, type, dflt, help, List.of(), check, false, null);
    }

    private static OptionDef bool(String name, boolean dflt, String help) {
        return def(name, OptionType.BOOL, dflt, help, Check.NONE);
    }

    private static OptionDef str(String name, String dflt, String help) {
        return def(name, OptionType.STR, dflt, help, Check.NONE);
    }

    private static OptionDef optStr(String name, String help) {
        return def(name, OptionType.OPTIONAL_STR, null, help, Check.NONE);
    }

    /** A sequence of specs in the shared spec syntax, each checked when it is set. */
    private static OptionDef spec(String name, String help) {
        return def(name, OptionType.SEQUENCE, List.of(), help, SpecForms.check(name));
    }

    /** An optional filter expression, checked when it is set. */
    private static OptionDef filter(String name, String help) {
        return def(name, OptionType.OPTIONAL_STR, null, help, new Check() {
            @Override
            public void check(Object value) {
                dev.mitm4j.filter.FlowFilter.parse((String) value);
            }

            @Override
            public String form() {
                return "a filter expression such as \"~d example.com & ~m GET\"";
            }
        });
    }

    private static OptionDef secret(String name, String help) {
        return new OptionDef(name, OptionType.OPTIONAL_STR, null, help, List.of(), Check.NONE,
                true, null);
    }

    /** A required size of at least one byte that fits an {@code int}. */
    private static OptionDef bytes(String name, int dflt, String help) {
        return def(name, OptionType.BYTES, (long) dflt, help + " Default: " + Sizes.format(dflt)
                + ".", value -> {
                    long v = (Long) value;
                    if (v < 1 || v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("out of range 1.." + Integer.MAX_VALUE);
                    }
                });
    }

    private static OptionDef size(String name, String help) {
        return def(name, OptionType.SIZE, null, help, Check.NONE);
    }

    private static OptionDef seq(String name, String help) {
        return def(name, OptionType.SEQUENCE, List.of(), help, Check.NONE);
    }

    private static OptionDef choice(String name, String dflt, List<String> choices, String help) {
        return new OptionDef(name, OptionType.STR, dflt, help, choices, Check.NONE, false, null);
    }

    private static Check range(int min, int max) {
        return value -> {
            int v = (Integer) value;
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range " + min + ".." + max);
            }
        };
    }

    private static void checkIpLiteral(Object value) {
        String address = (String) value;
        if (!address.matches("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?")) {
            throw new IllegalArgumentException("not an IP address");
        }
    }

    private static void checkProxyauth(Object value) {
        String spec = (String) value;
        if (spec.startsWith("ldap:") || spec.startsWith("ldaps:")) {
            throw new IllegalArgumentException("LDAP authentication is not supported by mitm4j");
        }
        if (!spec.equals("any") && !spec.startsWith("@")) {
            checkUserPass(spec);
        }
    }

    private static void checkUserPass(Object value) {
        String spec = (String) value;
        if (spec.indexOf(':') <= 0) {
            throw new IllegalArgumentException("expected user:pass");
        }
    }
}
