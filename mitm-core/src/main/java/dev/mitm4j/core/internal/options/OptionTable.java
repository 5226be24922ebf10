package dev.mitm4j.core.internal.options;

import static dev.mitm4j.core.internal.options.Defs.bool;
import static dev.mitm4j.core.internal.options.Defs.bytes;
import static dev.mitm4j.core.internal.options.Defs.choice;
import static dev.mitm4j.core.internal.options.Defs.ciphers;
import static dev.mitm4j.core.internal.options.Defs.def;
import static dev.mitm4j.core.internal.options.Defs.defaultOnly;
import static dev.mitm4j.core.internal.options.Defs.filter;
import static dev.mitm4j.core.internal.options.Defs.integer;
import static dev.mitm4j.core.internal.options.Defs.only;
import static dev.mitm4j.core.internal.options.Defs.optInt;
import static dev.mitm4j.core.internal.options.Defs.optStr;
import static dev.mitm4j.core.internal.options.Defs.range;
import static dev.mitm4j.core.internal.options.Defs.secret;
import static dev.mitm4j.core.internal.options.Defs.seq;
import static dev.mitm4j.core.internal.options.Defs.size;
import static dev.mitm4j.core.internal.options.Defs.spec;
import static dev.mitm4j.core.internal.options.Defs.str;
import static dev.mitm4j.core.internal.options.Flags.switches;
import static dev.mitm4j.core.internal.options.Flags.value;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.options.OptionDef.Check;
import dev.mitm4j.core.internal.options.OptionDef.Support;
import dev.mitm4j.http.Http1Limits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every option mitm4j knows, declared once: each constant is the option's typed key, with
 * mitmproxy's name, type, default and help (see {@code mitmproxy/options.py} and the addons'
 * {@code load}), how far mitm4j supports it, and its mitmdump flags. {@code Options}' accessors,
 * mitmdump's flags, its usage and its {@code --options} listing are all derived from here, and a
 * test checks that every option something must honour is read outside {@code Options}. One
 * deliberate difference: {@code listen_host} defaults to {@code 127.0.0.1} instead of
 * mitmproxy's {@code ""} (all interfaces), so that a proxy started from a test or a laptop is not
 * reachable from the network.
 */
public final class OptionTable {
    /** Starts the help of options mitm4j accepts but does not act on (see mitmproxy's help). */
    public static final String NO_EFFECT = "Has no effect in mitm4j: ";
    /** The options in declaration order: each constant adds itself as it is initialized. */
    private static final List<OptionDef<?>> DECLARED = new ArrayList<>();
    private static final List<String> TLS_VERSIONS =
            List.of("UNBOUNDED", "SSL3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3");

    // ---- The proxy servers: where they listen, which hosts they touch. ----

    public static final OptionDef<String> LISTEN_HOST = add(
            str("listen_host", "127.0.0.1", "Address to bind proxy server(s) to. mitm4j "
                + "default: 127.0.0.1 (mitmproxy: \"\" = all interfaces); \"\" binds all.")
            .withFlags(value("HOST", "address to bind the proxy to (default 127.0.0.1)",
                    "--listen-host")));
    public static final OptionDef<@Nullable Integer> LISTEN_PORT = add(
            optInt("listen_port", "Port to bind proxy server(s) "
                + "to (default: the mode's port, 8080; socks5 1080).", range(0, 65535))
            .withFlags(value("PORT", "port to bind the proxy to (default 8080)", "-p",
                    "--listen-port")));
    public static final OptionDef<List<ProxyMode>> MODE = add(
            def("mode", OptionType.MODES, List.of(ProxyMode.parse("regular")),
                "The proxy server type(s) to spawn. Can be passed multiple times. Forms: "
                        + ProxyMode.FORMS + ".", Check.NONE)
            .withFlags(value("MODE", "regular, socks5, reverse:SPEC, upstream:SPEC; repeatable",
                    "-m", "--mode")));
    public static final OptionDef<List<String>> IGNORE_HOSTS = add(
            seq("ignore_hosts", "Ignore host and forward all traffic without processing it. "
                + "Regexes matched (case-insensitively) against host:port.")
            .withFlags(value("REGEX", "pass matching host:port through untouched; repeatable",
                    "--ignore-hosts")));
    public static final OptionDef<List<String>> ALLOW_HOSTS = add(
            seq("allow_hosts", "Opposite of ignore_hosts: only intercept matching hosts.")
            .withFlags(value("REGEX", "only intercept matching host:port; repeatable",
                    "--allow-hosts")));
    public static final OptionDef<List<String>> TCP_HOSTS = add(
            seq("tcp_hosts", "Generic TCP SSL proxy mode for all hosts that match the regex.")
            .withFlags(value("REGEX", "treat matching host:port as raw TCP; repeatable",
                    "--tcp-hosts")));
    public static final OptionDef<Boolean> RAWTCP = add(
            defaultOnly(bool("rawtcp", true, "Enable/disable raw TCP connections."),
                "non-HTTP traffic always falls back to raw TCP")
            .withFlags(switches("only --rawtcp (the default) is supported", "--rawtcp")));
    public static final OptionDef<Boolean> WEBSOCKET = add(
            bool("websocket", true, "Enable/disable WebSocket support. " + NO_EFFECT
                + "upgraded connections, WebSocket included, are relayed byte for byte (the "
                + "handshake is an HTTP flow; no websocket_message hooks yet), as with false.")
            .withSupport(Support.NO_EFFECT));
    public static final OptionDef<Boolean> HTTP2 = add(
            bool("http2", true, "Enable/disable HTTP/2 support. HTTP/2 is enabled by default: "
                + "clients that offer h2 in ALPN, or send the h2c preface, speak HTTP/2 to the "
                + "proxy.")
            .withFlags(switches("enable HTTP/2 (default)", "--http2")));
    public static final OptionDef<Boolean> HTTP_CONNECT_SEND_HOST_HEADER = add(
            bool("http_connect_send_host_header", true,
                "Include a Host header in CONNECT requests sent to an upstream proxy."));
    public static final OptionDef<Integer> TCP_TIMEOUT = add(integer("tcp_timeout", 600,
                "Close inactive TCP connections after this many seconds.", range(0, 1 << 30)));
    public static final OptionDef<Integer> SHUTDOWN_TIMEOUT = add(
            integer("shutdown_timeout", 5, "mitm4j: when the proxy shuts down "
                + "(SIGTERM, Ctrl-C, ProxyServer.close()), seconds that flows in progress get to "
                + "finish while no new connection is accepted; then the rest are killed and "
                + "saved as they are.", range(0, 3600)));
    public static final OptionDef<Boolean> SHOWHOST = add(
            bool("showhost", false, "Use the Host header to construct URLs for display "
                + "(mitmdump's output).")
            .withFlags(switches("display URLs built from the Host header", "--showhost")));
    public static final OptionDef<String> CONFDIR = add(
            str("confdir", "~/.mitmproxy", "Location of the default certificate authority.")
            .withFlags(value("DIR", "where the CA files are (default ~/.mitmproxy)", "--confdir")));

    // ---- TLS toward clients and servers. ----

    public static final OptionDef<List<String>> CERTS = add(
            seq("certs", "SSL certificates of the form \"[domain=]path\".")
            .withFlags(value("[DOMAIN=]PATH", "certificate (and key) to serve; repeatable",
                    "--certs")));
    public static final OptionDef<@Nullable String> CERT_PASSPHRASE = add(
            secret("cert_passphrase", "Passphrase for decrypting the private key.",
                Check.NONE, null)
            .withFlags(value("PASS", "passphrase of the key in --certs or the CA",
                    "--cert-passphrase")));
    public static final OptionDef<@Nullable String> CLIENT_CERTS = add(
            optStr("client_certs", "Client certificate file or directory.")
            .withFlags(value("PATH", "client certificate file or directory, for servers",
                    "--client-certs")));
    public static final OptionDef<Boolean> ADD_UPSTREAM_CERTS_TO_CLIENT_CHAIN = add(
            bool("add_upstream_certs_to_client_chain", false,
                "Add all certificates of the upstream server to the chain sent to the client."));
    public static final OptionDef<Boolean> UPSTREAM_CERT = add(
            bool("upstream_cert", true, "Connect to upstream server to look up certificate "
                + "details.")
            .withFlags(switches("look up the server's certificate first (default)",
                    "--upstream-cert")));
    public static final OptionDef<Integer> KEY_SIZE = add(
            integer("key_size", 2048, "TLS key size for certificates and CA.",
                range(1024, 16384))
            .withFlags(value("BITS", "RSA key size of the CA and RSA leaves (default 2048)",
                    "--key-size")));
    public static final OptionDef<String> LEAF_KEY_TYPE = add(
            choice("leaf_key_type", "auto", List.of("auto", "ec", "rsa"), "mitm4j: key type "
                + "of the certificates shown to clients: auto = EC P-256 for clients that accept "
                + "ECDSA, RSA of key_size bits for the others; ec = EC only; rsa = RSA only "
                + "(mitmproxy's leaves).")
            .withFlags(value("TYPE", "auto (EC, or RSA for clients without ECDSA), ec, rsa",
                    "--leaf-key-type")));
    public static final OptionDef<Boolean> SSL_INSECURE = add(
            bool("ssl_insecure", false, "Do not verify upstream server SSL/TLS certificates.")
            .withFlags(switches("do not verify upstream server certificates", "-k",
                    "--ssl-insecure")));
    public static final OptionDef<@Nullable String> SSL_VERIFY_UPSTREAM_TRUSTED_CONFDIR = add(
            optStr("ssl_verify_upstream_trusted_confdir",
                "Path to a directory of trusted CA certificates for upstream verification."));
    public static final OptionDef<@Nullable String> SSL_VERIFY_UPSTREAM_TRUSTED_CA = add(
            optStr("ssl_verify_upstream_trusted_ca",
                "Path to a PEM formatted trusted CA certificate."));
    public static final OptionDef<String> TLS_VERSION_CLIENT_MIN = add(
            choice("tls_version_client_min", "TLS1_2", TLS_VERSIONS, "Minimum TLS version for "
                + "client connections."));
    public static final OptionDef<String> TLS_VERSION_CLIENT_MAX = add(
            choice("tls_version_client_max", "UNBOUNDED", TLS_VERSIONS, "Maximum TLS version for "
                + "client connections."));
    public static final OptionDef<String> TLS_VERSION_SERVER_MIN = add(
            choice("tls_version_server_min", "TLS1_2", TLS_VERSIONS, "Minimum TLS version for "
                + "server connections."));
    public static final OptionDef<String> TLS_VERSION_SERVER_MAX = add(
            choice("tls_version_server_max", "UNBOUNDED", TLS_VERSIONS, "Maximum TLS version for "
                + "server connections."));
    public static final OptionDef<Boolean> REQUEST_CLIENT_CERT = add(
            bool("request_client_cert", false, "Requests a client certificate (TLS message "
                + "'CertificateRequest') to establish a mutual TLS connection between client and "
                + "mitmproxy (combined with 'client_certs' option for mitmproxy and upstream)."));
    public static final OptionDef<Boolean> TLS_PASSTHROUGH_UNTRUSTED = add(
            bool("tls_passthrough_untrusted", false, "mitm4j: pass TLS through, uninspected, "
                + "to hosts whose clients rejected the proxy's certificate before."));
    public static final OptionDef<@Nullable String> SSL_KEYLOG_FILE = add(
            optStr("ssl_keylog_file", "mitm4j: append TLS secrets of both legs in the NSS "
                + "key log format to this file (MITMPROXY_SSLKEYLOGFILE/SSLKEYLOGFILE also "
                + "work)."));
    public static final OptionDef<@Nullable String> CIPHERS_CLIENT = add(
            ciphers("ciphers_client", "The only cipher suites offered to clients (client <-> "
                + "mitm4j), in preference order. TLS versions none of them fits are turned off."));
    public static final OptionDef<@Nullable String> CIPHERS_SERVER = add(
            ciphers("ciphers_server", "The only cipher suites offered to servers (mitm4j <-> "
                + "server), in preference order. TLS versions none of them fits are turned off."));

    // ---- Connections, bodies and HTTP/1. ----

    public static final OptionDef<String> CONNECTION_STRATEGY = add(
            choice("connection_strategy", "eager", List.of("eager", "lazy"), "Determine when "
                + "server connections should be established."));
    public static final OptionDef<@Nullable Long> STREAM_LARGE_BODIES = add(
            size("stream_large_bodies", "Stream data to the client if the body exceeds this "
                + "size. Streamed bodies cannot be modified."));
    public static final OptionDef<Boolean> STORE_STREAMED_BODIES = add(
            defaultOnly(bool("store_streamed_bodies", false, "Store HTTP request and response "
                + "bodies when streamed."), "streamed bodies are passed on, never kept")
            .withFlags(switches("only --no-store-streamed-bodies (the default)",
                    "--store-streamed-bodies")));
    public static final OptionDef<@Nullable Long> BODY_SIZE_LIMIT = add(
            size("body_size_limit", "Byte size limit of HTTP request and response bodies."));
    public static final OptionDef<@Nullable Long> BODY_MEMORY_BUDGET = add(
            size("body_memory_budget", "mitm4j: how many bytes of request and response bodies "
                + "the flows in progress may buffer in memory together. A body that does not fit "
                + "(or is over 2 GiB) is streamed instead, with a warning naming the flow, and "
                + "not kept: its content is null and the flow's metadata \"streamed\" names it. "
                + "Empty: " + dev.mitm4j.core.internal.BodyBudget.DEFAULT_FORMULA + "."));
    public static final OptionDef<@Nullable Integer> CONNECTION_LIMIT = add(
            optInt("connection_limit", "mitm4j: the most client "
                + "connections open at once, over all listeners; a connection over it is closed "
                + "at once, before any byte is read or written (logged at WARN once per streak). "
                + "Empty: " + dev.mitm4j.core.internal.ConnectionLimit.DEFAULT_FORMULA + ".",
                range(1, 1 << 30)));
    // The HTTP/1 parser's limits, for requests and responses alike: over one, a request gets
    // 400 and a response 502. The defaults accept what browsers and mitmproxy accept.
    public static final OptionDef<Long> HTTP1_MAX_START_LINE = add(
            bytes("http1_max_start_line", Http1Limits.DEFAULT_MAX_START_LINE, "mitm4j: the "
                + "longest HTTP/1 request line or status line accepted, line ending included."));
    public static final OptionDef<Long> HTTP1_MAX_HEADER_BLOCK = add(
            bytes("http1_max_header_block", Http1Limits.DEFAULT_MAX_HEADER_BLOCK, "mitm4j: "
                + "the largest HTTP/1 header (or trailer) block accepted, all field lines and "
                + "the empty line after them."));
    public static final OptionDef<Integer> HTTP1_MAX_HEADER_COUNT = add(
            integer("http1_max_header_count", Http1Limits.DEFAULT_MAX_HEADER_COUNT,
                "mitm4j: the most HTTP/1 header (or trailer) fields accepted in one message.",
                range(1, Integer.MAX_VALUE)));
    public static final OptionDef<Long> HTTP1_MAX_CHUNK_SIZE_LINE = add(
            bytes("http1_max_chunk_size_line", Http1Limits.DEFAULT_MAX_CHUNK_SIZE_LINE,
                "mitm4j: the longest chunk-size line (size, extensions, line ending) accepted "
                        + "in a chunked HTTP/1 body."));

    public static final OptionDef<Boolean> KEEP_HOST_HEADER = add(
            bool("keep_host_header", false, "Reverse proxy: keep the original Host header."));
    public static final OptionDef<Boolean> PROXY_DEBUG = add(
            bool("proxy_debug", false, "Enable debug logs in the proxy core. " + NO_EFFECT
                + "use termlog_verbosity=debug.")
            .withSupport(Support.NO_EFFECT));
    public static final OptionDef<Boolean> VALIDATE_INBOUND_HEADERS = add(
            defaultOnly(bool("validate_inbound_headers", true, "Make sure that incoming HTTP "
                + "requests are not malformed."), "inbound HTTP/1 headers are always validated"));
    public static final OptionDef<@Nullable String> CONNECT_ADDR = add(
            def("connect_addr", OptionType.OPTIONAL_STR, null, "Set the local IP address used "
                + "for upstream connections.", Defs::checkIpLiteral));
    public static final OptionDef<Boolean> KEEP_ALT_SVC_HEADER = add(
            bool("keep_alt_svc_header", false, "Reverse proxy: keep Alt-Svc headers as-is."));

    // ---- Changing traffic. ----

    public static final OptionDef<List<String>> MODIFY_HEADERS = add(spec("modify_headers",
                "Header modify pattern \"[/flow-filter]/header-name/[@]value\".")
            .withFlags(value("PATTERN", "/flow-filter/header-name/[@]value; repeatable", "-H",
                    "--modify-headers")));
    public static final OptionDef<List<String>> MODIFY_BODY = add(spec("modify_body",
                "Replacement pattern \"[/flow-filter]/regex/[@]replacement\".")
            .withFlags(value("PATTERN", "/flow-filter/body-regex/[@]replacement; repeatable", "-B",
                    "--modify-body")));
    public static final OptionDef<List<String>> MAP_REMOTE = add(spec("map_remote",
                "Map remote resources: \"[/flow-filter]/url-regex/replacement\".")
            .withFlags(value("PATTERN", "|flow-filter|url-regex|replacement; repeatable", "-M",
                    "--map-remote")));
    public static final OptionDef<List<String>> MAP_LOCAL = add(spec("map_local",
                "Map local files: \"[/flow-filter]/url-regex/file-or-directory\".")
            .withFlags(value("PATTERN", "|flow-filter|url-regex|file-or-directory; repeatable",
                    "--map-local")));
    public static final OptionDef<List<String>> BLOCK_LIST = add(
            spec("block_list", "Block matching requests: \"/flow-filter/status-code\"."));
    public static final OptionDef<Boolean> ANTICACHE = add(
            bool("anticache", false, "Strip out request headers that might cause the server to "
                + "return 304-not-modified.")
            .withFlags(switches("strip request headers that could get a 304", "--anticache")));
    public static final OptionDef<Boolean> ANTICOMP = add(
            bool("anticomp", false, "Try to convince servers to send us un-compressed data.")
            .withFlags(switches("ask servers for uncompressed responses", "--anticomp")));
    public static final OptionDef<@Nullable String> STICKYCOOKIE = add(
            filter("stickycookie", "Set sticky cookie filter. Matched against requests.")
            .withFlags(value("FILTER", "add the server's cookies to matching requests",
                    "--stickycookie")));
    public static final OptionDef<@Nullable String> STICKYAUTH = add(
            filter("stickyauth", "Set sticky auth filter. Matched against requests.")
            .withFlags(value("FILTER", "replay the last Authorization to matching requests",
                    "--stickyauth")));

    // ---- Who may use the proxy, and credentials upstream. ----

    public static final OptionDef<@Nullable String> PROXYAUTH = add(
            secret("proxyauth", "Require proxy "
                + "authentication: \"user:pass\", \"any\" or \"@path\" to an htpasswd file "
                + "(bcrypt, {SHA}, apr1).", Defs::checkProxyauth,
                "user:pass, any or @path-to-htpasswd, or empty for none")
            .withFlags(value("SPEC", "user:pass, any or @htpasswd-file", "--proxyauth")));
    public static final OptionDef<@Nullable String> UPSTREAM_AUTH = add(
            secret("upstream_auth", "Add HTTP Basic authentication to upstream proxy and "
                + "reverse proxy requests: \"user:pass\".", Defs::checkUserPass,
                "user:pass, or empty for none")
            .withFlags(value("USER:PASS", "Basic credentials for the upstream/reverse server",
                    "--upstream-auth")));
    public static final OptionDef<Boolean> BLOCK_GLOBAL = add(
            bool("block_global", true, "Block connections from public IP addresses."));
    public static final OptionDef<Boolean> BLOCK_PRIVATE = add(
            bool("block_private", false, "Block connections from local (private) IP addresses."));

    // ---- Replay, flow files and intercept. ----

    public static final OptionDef<List<String>> CLIENT_REPLAY = add(
            seq("client_replay", "Replay client requests from a saved file.")
            .withFlags(value("PATH", "send the recorded requests again, through the proxy", "-C",
                    "--client-replay")));
    public static final OptionDef<Integer> CLIENT_REPLAY_CONCURRENCY = add(
            integer("client_replay_concurrency", 1, "Concurrency limit on in-flight "
                + "client replay requests: 1 or -1 (unlimited).", only(1, -1)));
    public static final OptionDef<List<String>> SERVER_REPLAY = add(
            seq("server_replay", "Replay server responses from a saved file.")
            .withFlags(value("PATH", "answer matching requests from recorded flows", "-S",
                    "--server-replay")));
    public static final OptionDef<String> SERVER_REPLAY_EXTRA = add(
            str("server_replay_extra", "forward", "Behaviour for extra requests during "
                + "replay: forward, kill, 204, 400, 404, 500."));
    public static final OptionDef<Boolean> SERVER_REPLAY_KILL_EXTRA = add(
            bool("server_replay_kill_extra", false, "Deprecated: server_replay_extra=kill."));
    public static final OptionDef<Boolean> SERVER_REPLAY_REUSE = add(
            bool("server_replay_reuse", false, "Don't remove flows from server replay state "
                + "after use."));
    public static final OptionDef<Boolean> SERVER_REPLAY_NOPOP = add(
            bool("server_replay_nopop", false, "Deprecated: server_replay_reuse."));
    public static final OptionDef<Boolean> SERVER_REPLAY_REFRESH = add(
            bool("server_replay_refresh", true, "Refresh server replay responses by adjusting "
                + "date, expires and last-modified headers."));
    public static final OptionDef<List<String>> SERVER_REPLAY_USE_HEADERS = add(
            seq("server_replay_use_headers", "Request headers that need to match."));
    public static final OptionDef<Boolean> SERVER_REPLAY_IGNORE_CONTENT = add(
            bool("server_replay_ignore_content", false, "Ignore request content while searching "
                + "for a saved flow to replay."));
    public static final OptionDef<List<String>> SERVER_REPLAY_IGNORE_PARAMS = add(
            seq("server_replay_ignore_params", "Request parameters to ignore."));
    public static final OptionDef<List<String>> SERVER_REPLAY_IGNORE_PAYLOAD_PARAMS = add(
            seq("server_replay_ignore_payload_params", "Request payload parameters to ignore."));
    public static final OptionDef<Boolean> SERVER_REPLAY_IGNORE_HOST = add(
            bool("server_replay_ignore_host", false, "Ignore the request host."));
    public static final OptionDef<Boolean> SERVER_REPLAY_IGNORE_PORT = add(
            bool("server_replay_ignore_port", false, "Ignore the request port."));
    public static final OptionDef<@Nullable String> RFILE = add(
            optStr("rfile", "Read flows from file (mitmdump -r; embedders: mitm-replay's "
                + "ReadFile).")
            .withFlags(value("PATH", "read flows from a flow or HAR file (- is stdin)", "-r",
                    "--rfile")));
    public static final OptionDef<@Nullable String> READFILE_FILTER = add(
            optStr("readfile_filter", "Read only matching flows (with rfile)."));
    public static final OptionDef<@Nullable String> SAVE_STREAM_FILE = add(
            optStr("save_stream_file", "Stream flows to file as they arrive. Prefix path "
                + "with + to append. The path may use Python strftime() directives (%Y-%m-%d, "
                + "...); missing directories are created, and a new file is opened whenever the "
                + "expanded name changes.")
            .withFlags(value("PATH", "write flows to a mitmproxy flow file (+PATH appends)", "-w",
                    "--save-stream-file")));
    public static final OptionDef<@Nullable String> SAVE_STREAM_FILTER = add(
            optStr("save_stream_filter", "Filter which flows are written to file."));
    public static final OptionDef<String> HARDUMP = add(
            str("hardump", "", "Save a HAR file with all flows on exit."));
    public static final OptionDef<Integer> FLOW_FORMAT_VERSION = add(
            integer("flow_format_version", 21, "Flow file format written by "
                + "save_stream_file: 21 (mitmproxy 10.2 and later) or 17 (mitmproxy 8.1, as in "
                + "Debian 12).", only(17, 21)));
    public static final OptionDef<Boolean> SERVER = add(
            bool("server", true, "Start a proxy server. Enabled by default; mitmdump -n "
                + "turns it off: no listener, but file work and client replay still run.")
            .withFlags(switches("-n, --no-server: no proxy listener; read, filter, write, -C",
                    "--server").negatedBy("-n")));
    public static final OptionDef<Boolean> KEEPSERVING = add(
            bool("keepserving", false, "Continue serving after client playback, server "
                + "playback or file read (mitmdump; an embedded server runs until closed).")
            .withFlags(switches("keep serving after -r, -C or -S", "--keepserving")));
    public static final OptionDef<Boolean> INTERCEPT_ACTIVE = add(
            bool("intercept_active", false, "Intercept toggle. " + NO_EFFECT + "a non-empty "
                + "intercept filter is always active (mitmproxy turns this on whenever intercept "
                + "is set; the toggle is a console key).")
            .withSupport(Support.NO_EFFECT));
    public static final OptionDef<@Nullable String> INTERCEPT = add(
            filter("intercept", "Intercept filter expression.")
            .withFlags(value("FILTER", "hold matching flows until resumed (FlowMaster)",
                    "--intercept")));

    // ---- Onboarding and mitmdump's output. ----

    public static final OptionDef<Boolean> ONBOARDING = add(
            bool("onboarding", true, "Toggle the mitm4j onboarding app."));
    public static final OptionDef<String> ONBOARDING_HOST = add(
            str("onboarding_host", "mitm.it", "Onboarding app domain."));
    public static final OptionDef<String> TERMLOG_VERBOSITY = add(
            choice("termlog_verbosity", "info",
                List.of("error", "warn", "info", "alert", "debug"), "Log verbosity of mitmdump's "
                + "output (embedders: configure the SLF4J backend)."));
    public static final OptionDef<Integer> FLOW_DETAIL = add(
            integer("flow_detail", 1, "The display detail level for flows in "
                + "mitmdump: 0 (quiet) to 4 (everything).", range(0, 4))
            .withFlags(value("N", "0 (quiet) to 4 (very verbose)", "--flow-detail")));
    public static final OptionDef<@Nullable String> DUMPER_FILTER = add(
            filter("dumper_filter", "Limit which flows mitmdump prints (the positional filter "
                + "of mitmdump wins when both are given)."));

    /** Every option by name, in declaration order; built after every constant. */
    private static final Map<String, OptionDef<?>> BY_NAME = byName();

    private OptionTable() {}

    /** {@return every option by name, in the order {@code --options} lists them} */
    public static Map<String, OptionDef<?>> all() {
        return BY_NAME;
    }

    private static <T extends @Nullable Object> OptionDef<T> add(OptionDef<T> def) {
        DECLARED.add(def);
        return def;
    }

    private static Map<String, OptionDef<?>> byName() {
        Map<String, OptionDef<?>> byName = new LinkedHashMap<>();
        for (OptionDef<?> def : DECLARED) {
            if (byName.put(def.name(), def) != null) {
                throw new IllegalStateException("option declared twice: " + def.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
