package dev.mitm4j.core;

import static dev.mitm4j.core.internal.options.OptionTable.*;

import dev.mitm4j.core.internal.options.OptionDef;
import dev.mitm4j.core.internal.options.OptionTable;
import dev.mitm4j.core.internal.options.Suggestions;
import dev.mitm4j.http.Http1Limits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's configuration, in mitmproxy's vocabulary: every option has mitmproxy's name
 * ({@code listen_port}, {@code stream_large_bodies}, ...), type, default and {@code --set} value
 * syntax, and a typed accessor named after it in camelCase.
 *
 * <p>Value syntax of {@link Builder#set(String, String)}: booleans {@code true}/{@code false}/
 * {@code toggle} (an omitted value, {@code null}, means {@code true}); integers in decimal; sizes
 * as a byte count with an optional binary suffix {@code b k m g t} ({@code "3m"} = 3 MiB); an
 * empty or omitted value clears an optional option; sequences (such as {@code mode},
 * {@code ignore_hosts}) take one element per {@link Builder#add(String, String)}, and
 * {@code set} replaces the whole list with one element.
 *
 * <p>Differences from mitmproxy: {@code listen_host} defaults to {@code 127.0.0.1} (mitmproxy:
 * {@code ""}, all interfaces) so that an embedded proxy is not reachable from the network by
 * accident; {@code proxyauth} accepts no LDAP specs; {@code rawtcp},
 * {@code store_streamed_bodies} and {@code validate_inbound_headers} accept only their default
 * (another value is an {@link IllegalArgumentException} saying why); {@code websocket},
 * {@code proxy_debug} and {@code intercept_active} are accepted but have no effect
 * (their help says so); {@code ciphers_client}/{@code ciphers_server} take explicit suite names,
 * not OpenSSL cipher-string keywords.
 *
 * <p>Instances are immutable and thread-safe. {@link #describe()} lists every option for
 * {@code --options}.
 */
public final class Options {
    private static final Options DEFAULTS = new Options(defaultValues());

    private final Map<String, @Nullable Object> values;

    private Options(Map<String, @Nullable Object> values) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    /** {@return the options with every default} */
    public static Options defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder(defaultValues());
    }

    /** {@return a builder starting from these values} */
    public Builder toBuilder() {
        return new Builder(new HashMap<>(values));
    }

    /** One option as {@code --options} shows it. */
    public record Description(String name, String type, String defaultValue, String help,
            List<String> choices) {}

    /** {@return every option with its type, default and help, in a stable order} */
    public static List<Description> describe() {
        List<Description> all = new ArrayList<>();
        for (OptionDef<?> def : OptionTable.all().values()) {
            all.add(new Description(def.name(), def.type().typeName(),
                    def.format(def.defaultValue()), def.help() + " Form: " + def.form() + ".",
                    def.choices()));
        }
        return List.copyOf(all);
    }

    /** {@return the option names, in {@link #describe()} order} */
    public static List<String> names() {
        return List.copyOf(OptionTable.all().keySet());
    }

    /**
     * {@return the value of option {@code name} in {@code --set} syntax ({@code ""} for none);
     * secret options too, so do not log this blindly}
     *
     * @throws IllegalArgumentException for an unknown name, with close matches
     */
    public String valueAsString(String name) {
        return definition(name).format(values.get(name));
    }

    /** {@return whether option {@code name} differs from its default} */
    public boolean isChanged(String name) {
        return !java.util.Objects.equals(values.get(name), definition(name).defaultValue());
    }

    // ---- proxy server ----

    /** {@return {@code listen_host}: the bind address, default 127.0.0.1; "" = all interfaces} */
    public String listenHost() {
        return value(LISTEN_HOST);
    }

    /** {@return {@code listen_port}, or 8080 when it is unset} */
    public int listenPort() {
        Integer port = value(LISTEN_PORT);
        return port == null ? 8080 : port;
    }

    /** {@return whether {@code listen_port} was given} (otherwise each mode uses its default) */
    public boolean listenPortSet() {
        return value(LISTEN_PORT) != null;
    }

    /** {@return the address {@code mode} binds: its {@code @host}, else {@code listen_host}} */
    public String listenHostFor(ProxyMode mode) {
        return mode.listenHost() != null ? mode.listenHost() : listenHost();
    }

    /**
     * {@return the port {@code mode} binds: its {@code @port}, else {@code listen_port}, else the
     * mode's default (8080, socks5 1080)}
     */
    public int listenPortFor(ProxyMode mode) {
        if (mode.listenPort() != null) {
            return mode.listenPort();
        }
        Integer port = value(LISTEN_PORT);
        return port != null ? port : mode.defaultPort();
    }

    /** {@return {@code mode}: the proxy servers to run, default {@code [regular]}} */
    public List<ProxyMode> mode() {
        return value(MODE);
    }

    /**
     * {@return {@code ignore_hosts}: regexes on host:port passed through untouched; searched in
     * the destination's host:port and in the client's TLS SNI or HTTP/1 Host header}
     */
    public List<String> ignoreHosts() {
        return value(IGNORE_HOSTS);
    }

    /** {@return {@code allow_hosts}: when non-empty, only matching hosts are intercepted} */
    public List<String> allowHosts() {
        return value(ALLOW_HOSTS);
    }

    /**
     * {@return {@code tcp_hosts}: regexes on the host, host:port or TLS SNI handled as raw TCP;
     * TLS to such a host is still intercepted and its decrypted bytes make the TCP flow}
     */
    public List<String> tcpHosts() {
        return value(TCP_HOSTS);
    }

    /** {@return {@code rawtcp}: always true, non-HTTP traffic falls back to raw TCP} */
    public boolean rawtcp() {
        return value(RAWTCP);
    }

    /** {@return {@code websocket}; no effect yet: upgraded connections are relayed as bytes} */
    public boolean websocket() {
        return value(WEBSOCKET);
    }

    /**
     * {@return {@code http2}: whether clients may speak HTTP/2 to the proxy (ALPN {@code h2},
     * the h2c preface)}
     */
    public boolean http2() {
        return value(HTTP2);
    }

    /** {@return {@code http_connect_send_host_header}: Host in CONNECTs to an upstream proxy} */
    public boolean httpConnectSendHostHeader() {
        return value(HTTP_CONNECT_SEND_HOST_HEADER);
    }

    /** {@return {@code tcp_timeout}: idle seconds before a connection is closed, default 600} */
    public int tcpTimeout() {
        return value(TCP_TIMEOUT);
    }

    /**
     * {@return {@code shutdown_timeout}: seconds that flows in progress get to finish when the
     * server closes, default 5 (see {@link ProxyServer#close()})}
     */
    public int shutdownTimeout() {
        return value(SHUTDOWN_TIMEOUT);
    }

    /** {@return {@code showhost}: build display URLs from the Host header} */
    public boolean showhost() {
        return value(SHOWHOST);
    }

    /** {@return {@code confdir}, unexpanded (may start with {@code ~})} */
    public String confdir() {
        return value(CONFDIR);
    }

    // ---- TLS ----

    /** {@return {@code certs}: {@code [domain=]path} entries} */
    public List<String> certs() {
        return value(CERTS);
    }

    /** {@return {@code cert_passphrase}, or null} */
    public @Nullable String certPassphrase() {
        return value(CERT_PASSPHRASE);
    }

    /** {@return {@code client_certs}, or null} */
    public @Nullable String clientCerts() {
        return value(CLIENT_CERTS);
    }

    /** {@return {@code add_upstream_certs_to_client_chain}} */
    public boolean addUpstreamCertsToClientChain() {
        return value(ADD_UPSTREAM_CERTS_TO_CLIENT_CHAIN);
    }

    /** {@return {@code upstream_cert}} */
    public boolean upstreamCert() {
        return value(UPSTREAM_CERT);
    }

    /** {@return {@code key_size}, default 2048} */
    public int keySize() {
        return value(KEY_SIZE);
    }

    /**
     * {@return {@code leaf_key_type}: "auto" (EC leaves for clients that accept ECDSA, RSA for
     * the others; the default), "ec" or "rsa"}
     */
    public String leafKeyType() {
        return value(LEAF_KEY_TYPE);
    }

    /** {@return {@code ssl_insecure}: do not verify upstream certificates} */
    public boolean sslInsecure() {
        return value(SSL_INSECURE);
    }

    /** {@return {@code ssl_verify_upstream_trusted_confdir}, or null} */
    public @Nullable String sslVerifyUpstreamTrustedConfdir() {
        return value(SSL_VERIFY_UPSTREAM_TRUSTED_CONFDIR);
    }

    /** {@return {@code ssl_verify_upstream_trusted_ca}, or null} */
    public @Nullable String sslVerifyUpstreamTrustedCa() {
        return value(SSL_VERIFY_UPSTREAM_TRUSTED_CA);
    }

    /** {@return {@code tls_version_client_min}, e.g. TLS1_2} */
    public String tlsVersionClientMin() {
        return value(TLS_VERSION_CLIENT_MIN);
    }

    /** {@return {@code tls_version_client_max}, e.g. UNBOUNDED} */
    public String tlsVersionClientMax() {
        return value(TLS_VERSION_CLIENT_MAX);
    }

    /** {@return {@code tls_version_server_min}} */
    public String tlsVersionServerMin() {
        return value(TLS_VERSION_SERVER_MIN);
    }

    /** {@return {@code tls_version_server_max}} */
    public String tlsVersionServerMax() {
        return value(TLS_VERSION_SERVER_MAX);
    }

    /** {@return {@code tls_passthrough_untrusted} (mitm4j): pass through hosts whose clients
     * rejected the proxy's certificate} */
    public boolean tlsPassthroughUntrusted() {
        return value(TLS_PASSTHROUGH_UNTRUSTED);
    }

    /** {@return {@code ssl_keylog_file} (mitm4j): the NSS key log file, or null} */
    public @Nullable String sslKeylogFile() {
        return value(SSL_KEYLOG_FILE);
    }

    /**
     * {@return {@code request_client_cert}: ask clients for a certificate; whatever they send is
     * accepted and recorded in {@code ClientConnection.certificateList()}}
     */
    public boolean requestClientCert() {
        return value(REQUEST_CLIENT_CERT);
    }

    /**
     * {@return {@code ciphers_client}: the suites offered to clients, colon-separated OpenSSL or
     * IANA names (checked when set), or null for the defaults}
     */
    public @Nullable String ciphersClient() {
        return value(CIPHERS_CLIENT);
    }

    /** {@return {@code ciphers_server}: the suites offered to servers, or null (defaults)} */
    public @Nullable String ciphersServer() {
        return value(CIPHERS_SERVER);
    }

    // ---- connection, HTTP, streaming ----

    /** {@return {@code connection_strategy}: "eager" or "lazy"} */
    public String connectionStrategy() {
        return value(CONNECTION_STRATEGY);
    }

    /** {@return {@code stream_large_bodies} in bytes, or -1 when off} */
    public long streamLargeBodies() {
        return size(STREAM_LARGE_BODIES);
    }

    /** {@return {@code store_streamed_bodies}: always false, streamed bodies are not kept} */
    public boolean storeStreamedBodies() {
        return value(STORE_STREAMED_BODIES);
    }

    /** {@return {@code body_size_limit} in bytes, or -1 when unlimited} */
    public long bodySizeLimit() {
        return size(BODY_SIZE_LIMIT);
    }

    /**
     * {@return {@code connection_limit}: the most client connections open at once (a connection
     * over it is closed at once), or empty for the default derived from the open-file limit and
     * the heap}
     */
    public java.util.OptionalInt connectionLimit() {
        Integer limit = value(CONNECTION_LIMIT);
        return limit == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(limit);
    }

    /**
     * {@return {@code body_memory_budget} in bytes: how much the bodies buffered by flows in
     * progress may hold together (a body that does not fit is streamed, with a warning), or
     * empty for the default, a quarter of the maximum heap}
     */
    public java.util.OptionalLong bodyMemoryBudget() {
        Long budget = value(BODY_MEMORY_BUDGET);
        return budget == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(budget);
    }

    /**
     * {@return the HTTP/1 parser limits of {@code http1_max_start_line},
     * {@code http1_max_header_block}, {@code http1_max_header_count} and
     * {@code http1_max_chunk_size_line} (64 KiB, 256 KiB, 1,000 fields and 4 KiB by default);
     * strict parsing, as {@code validate_inbound_headers} is always on}
     */
    public Http1Limits http1Limits() {
        return Http1Limits.builder()
                .maxStartLine(bytes(HTTP1_MAX_START_LINE))
                .maxHeaderBlock(bytes(HTTP1_MAX_HEADER_BLOCK))
                .maxHeaderCount(value(HTTP1_MAX_HEADER_COUNT))
                .maxChunkSizeLine(bytes(HTTP1_MAX_CHUNK_SIZE_LINE))
                .build();
    }

    /** {@return {@code keep_host_header}: reverse mode keeps the client's Host} */
    public boolean keepHostHeader() {
        return value(KEEP_HOST_HEADER);
    }

    /** {@return {@code proxy_debug}; no effect in mitm4j} */
    public boolean proxyDebug() {
        return value(PROXY_DEBUG);
    }

    /** {@return {@code validate_inbound_headers}: always true, inbound headers are checked} */
    public boolean validateInboundHeaders() {
        return value(VALIDATE_INBOUND_HEADERS);
    }

    /** {@return {@code connect_addr}: local address for upstream connections, or null} */
    public @Nullable String connectAddr() {
        return value(CONNECT_ADDR);
    }

    /** {@return {@code keep_alt_svc_header}} */
    public boolean keepAltSvcHeader() {
        return value(KEEP_ALT_SVC_HEADER);
    }

    // ---- modify, map, block ----

    /** {@return {@code modify_headers} specs} */
    public List<String> modifyHeaders() {
        return value(MODIFY_HEADERS);
    }

    /** {@return {@code modify_body} specs} */
    public List<String> modifyBody() {
        return value(MODIFY_BODY);
    }

    /** {@return {@code map_remote} specs} */
    public List<String> mapRemote() {
        return value(MAP_REMOTE);
    }

    /** {@return {@code map_local} specs} */
    public List<String> mapLocal() {
        return value(MAP_LOCAL);
    }

    /** {@return {@code block_list} specs} */
    public List<String> blockList() {
        return value(BLOCK_LIST);
    }

    /** {@return {@code anticache}} */
    public boolean anticache() {
        return value(ANTICACHE);
    }

    /** {@return {@code anticomp}} */
    public boolean anticomp() {
        return value(ANTICOMP);
    }

    /** {@return {@code stickycookie} filter, or null} */
    public @Nullable String stickycookie() {
        return value(STICKYCOOKIE);
    }

    /** {@return {@code stickyauth} filter, or null} */
    public @Nullable String stickyauth() {
        return value(STICKYAUTH);
    }

    // ---- auth and access ----

    /** {@return {@code proxyauth}: "user:pass", "any", "@htpasswd-path", or null for none} */
    public @Nullable String proxyauth() {
        return value(PROXYAUTH);
    }

    /** {@return {@code upstream_auth}: "user:pass" or null} */
    public @Nullable String upstreamAuth() {
        return value(UPSTREAM_AUTH);
    }

    /** {@return {@code block_global}: refuse clients from public addresses (default true)} */
    public boolean blockGlobal() {
        return value(BLOCK_GLOBAL);
    }

    /** {@return {@code block_private}: refuse clients from private addresses} */
    public boolean blockPrivate() {
        return value(BLOCK_PRIVATE);
    }

    // ---- replay, files, intercept ----

    /** {@return {@code client_replay} files} */
    public List<String> clientReplay() {
        return value(CLIENT_REPLAY);
    }

    /** {@return {@code client_replay_concurrency}: 1 or -1} */
    public int clientReplayConcurrency() {
        return value(CLIENT_REPLAY_CONCURRENCY);
    }

    /** {@return {@code server_replay} files} */
    public List<String> serverReplay() {
        return value(SERVER_REPLAY);
    }

    /** {@return {@code server_replay_extra}: forward, kill or a status code} */
    public String serverReplayExtra() {
        return value(SERVER_REPLAY_EXTRA);
    }

    /** {@return {@code server_replay_kill_extra} (deprecated)} */
    public boolean serverReplayKillExtra() {
        return value(SERVER_REPLAY_KILL_EXTRA);
    }

    /** {@return {@code server_replay_reuse}} */
    public boolean serverReplayReuse() {
        return value(SERVER_REPLAY_REUSE);
    }

    /** {@return {@code server_replay_nopop} (deprecated)} */
    public boolean serverReplayNopop() {
        return value(SERVER_REPLAY_NOPOP);
    }

    /** {@return {@code server_replay_refresh}} */
    public boolean serverReplayRefresh() {
        return value(SERVER_REPLAY_REFRESH);
    }

    /** {@return {@code server_replay_use_headers}} */
    public List<String> serverReplayUseHeaders() {
        return value(SERVER_REPLAY_USE_HEADERS);
    }

    /** {@return {@code server_replay_ignore_content}} */
    public boolean serverReplayIgnoreContent() {
        return value(SERVER_REPLAY_IGNORE_CONTENT);
    }

    /** {@return {@code server_replay_ignore_params}} */
    public List<String> serverReplayIgnoreParams() {
        return value(SERVER_REPLAY_IGNORE_PARAMS);
    }

    /** {@return {@code server_replay_ignore_payload_params}} */
    public List<String> serverReplayIgnorePayloadParams() {
        return value(SERVER_REPLAY_IGNORE_PAYLOAD_PARAMS);
    }

    /** {@return {@code server_replay_ignore_host}} */
    public boolean serverReplayIgnoreHost() {
        return value(SERVER_REPLAY_IGNORE_HOST);
    }

    /** {@return {@code server_replay_ignore_port}} */
    public boolean serverReplayIgnorePort() {
        return value(SERVER_REPLAY_IGNORE_PORT);
    }

    /** {@return {@code rfile}, or null} */
    public @Nullable String rfile() {
        return value(RFILE);
    }

    /** {@return {@code readfile_filter}, or null} */
    public @Nullable String readfileFilter() {
        return value(READFILE_FILTER);
    }

    /** {@return {@code save_stream_file}, or null} */
    public @Nullable String saveStreamFile() {
        return value(SAVE_STREAM_FILE);
    }

    /** {@return {@code save_stream_filter}, or null} */
    public @Nullable String saveStreamFilter() {
        return value(SAVE_STREAM_FILTER);
    }

    /** {@return {@code hardump}: "" for none} */
    public String hardump() {
        return value(HARDUMP);
    }

    /** {@return {@code flow_format_version}: 21 (default) or 17 (mitmproxy 8.1)} */
    public int flowFormatVersion() {
        return value(FLOW_FORMAT_VERSION);
    }

    /** {@return {@code server}: whether to start the proxy server at all (mitmdump -n: false)} */
    public boolean server() {
        return value(SERVER);
    }

    /** {@return {@code keepserving}} */
    public boolean keepserving() {
        return value(KEEPSERVING);
    }

    /** {@return {@code intercept_active}; no effect: a set intercept filter is active} */
    public boolean interceptActive() {
        return value(INTERCEPT_ACTIVE);
    }

    /** {@return {@code intercept} filter, or null} */
    public @Nullable String intercept() {
        return value(INTERCEPT);
    }

    // ---- onboarding and logging ----

    /** {@return {@code onboarding}} */
    public boolean onboarding() {
        return value(ONBOARDING);
    }

    /** {@return {@code onboarding_host}} */
    public String onboardingHost() {
        return value(ONBOARDING_HOST);
    }

    /** {@return {@code termlog_verbosity}: error, warn, info, alert or debug} */
    public String termlogVerbosity() {
        return value(TERMLOG_VERBOSITY);
    }

    /** {@return {@code flow_detail}: 0..4, default 1} */
    public int flowDetail() {
        return value(FLOW_DETAIL);
    }

    /** {@return {@code dumper_filter}: the flows mitmdump prints, or null for all} */
    public @Nullable String dumperFilter() {
        return value(DUMPER_FILTER);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Options other && values.equals(other.values);
    }

    @Override public int hashCode() {
        return values.hashCode();
    }

    /** {@return the options that differ from their defaults; secrets are hidden} */
    @Override public String toString() {
        StringBuilder s = new StringBuilder("Options{");
        String sep = "";
        for (OptionDef<?> def : OptionTable.all().values()) {
            if (isChanged(def.name())) {
                s.append(sep).append(def.name()).append('=')
                        .append(def.secret() ? "(hidden)" : def.format(values.get(def.name())));
                sep = ", ";
            }
        }
        return s.append('}').toString();
    }

    /** {@return the value of option {@code key}} */
    private <T extends @Nullable Object> T value(OptionDef<T> key) {
        return key.cast(values.get(key.name()));
    }

    /** A required size that the option's check keeps within an {@code int}. */
    private int bytes(OptionDef<Long> key) {
        return Math.toIntExact(value(key));
    }

    /** {@return the size in bytes, or -1 for none} */
    private long size(OptionDef<@Nullable Long> key) {
        Long size = value(key);
        return size == null ? -1 : size;
    }

    private static Map<String, @Nullable Object> defaultValues() {
        Map<String, @Nullable Object> values = new HashMap<>();
        for (OptionDef<?> def : OptionTable.all().values()) {
            values.put(def.name(), def.defaultValue());
        }
        return values;
    }

    static OptionDef<?> definition(String name) {
        OptionDef<?> def = OptionTable.all().get(name);
        if (def == null) {
            List<String> close = Suggestions.closeMatches(name, OptionTable.all().keySet());
            throw new IllegalArgumentException("Unknown option \"" + name + "\""
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (mitm4j --options lists them all)");
        }
        return def;
    }

    /**
     * Collects option values for {@link #build()}. Every setter checks its argument at once and
     * throws {@link IllegalArgumentException} naming the option, the accepted form and, for an
     * unknown name, close matches. Each of the setter methods modifies the state of the builder
     * and returns the same instance. Builders are not thread-safe and should not be used
     * concurrently from multiple threads without external synchronization.
     */
    public static final class Builder {
        private final Map<String, @Nullable Object> values;

        private Builder(Map<String, @Nullable Object> values) {
            this.values = values;
        }

        /**
         * Sets option {@code name} from text in mitmproxy's syntax. For a sequence the list becomes
         * this one element (none for {@code null}); use {@link #add} to append.
         *
         * @param value the text, or {@code null} for "omitted" (true, none, or the empty list)
         */
        public Builder set(String name, @Nullable String value) {
            OptionDef<?> def = definition(name);
            values.put(name, def.parse(value, values.get(name)));
            return this;
        }

        /** Appends one element to the sequence option {@code name} (mode, ignore_hosts, ...). */
        public Builder add(String name, String value) {
            OptionDef<?> def = definition(name);
            values.put(name, def.append(values.get(name), value));
            return this;
        }

        /** Replaces the sequence option {@code name} by {@code elements}, each checked. */
        public Builder setAll(String name, List<String> elements) {
            OptionDef<?> def = definition(name);
            Object list = def.parse(null, null);
            for (String element : elements) {
                list = def.append(list, element);
            }
            values.put(name, list);
            return this;
        }

        /** Resets option {@code name} to its default. */
        public Builder reset(String name) {
            values.put(name, definition(name).defaultValue());
            return this;
        }

        /** Sets {@code listen_host}. */
        public Builder listenHost(String host) {
            return set(LISTEN_HOST, host);
        }

        /** Sets {@code listen_port} (0 = any free port). */
        public Builder listenPort(int port) {
            return set(LISTEN_PORT, Integer.toString(port));
        }

        /** Replaces {@code mode} by these modes. */
        public Builder mode(ProxyMode... modes) {
            if (modes.length == 0) {
                throw new IllegalArgumentException("mode: at least one mode is required");
            }
            values.put(MODE.name(), List.of(modes));
            return this;
        }

        // ---- traffic features (issue 6): typed forms of set/setAll ----

        /** Sets {@code anticache}: strip If-Modified-Since and If-None-Match from requests. */
        public Builder anticache(boolean on) {
            return set(ANTICACHE, Boolean.toString(on));
        }

        /** Sets {@code anticomp}: ask servers for uncompressed responses. */
        public Builder anticomp(boolean on) {
            return set(ANTICOMP, Boolean.toString(on));
        }

        /** Replaces {@code block_list} by these {@code /flow-filter/status-code} specs. */
        public Builder blockList(String... specs) {
            return setAll(BLOCK_LIST.name(), List.of(specs));
        }

        /** Replaces {@code map_local} by these {@code |flow-filter|url-regex|path} specs. */
        public Builder mapLocal(String... specs) {
            return setAll(MAP_LOCAL.name(), List.of(specs));
        }

        /** Replaces {@code map_remote} by these {@code |flow-filter|url-regex|replacement} specs. */
        public Builder mapRemote(String... specs) {
            return setAll(MAP_REMOTE.name(), List.of(specs));
        }

        /** Replaces {@code modify_body} by these {@code /flow-filter/regex/[@]replacement} specs. */
        public Builder modifyBody(String... specs) {
            return setAll(MODIFY_BODY.name(), List.of(specs));
        }

        /** Replaces {@code modify_headers} by these {@code /flow-filter/name/[@]value} specs. */
        public Builder modifyHeaders(String... specs) {
            return setAll(MODIFY_HEADERS.name(), List.of(specs));
        }

        /** Sets {@code stickycookie} to a filter expression, or null for off. */
        public Builder stickycookie(@Nullable String filter) {
            return set(STICKYCOOKIE, filter == null ? "" : filter);
        }

        /** Sets {@code stickyauth} to a filter expression, or null for off. */
        public Builder stickyauth(@Nullable String filter) {
            return set(STICKYAUTH, filter == null ? "" : filter);
        }

        /** Sets {@code intercept} to a filter expression (matching flows pause), or null. */
        public Builder intercept(@Nullable String filter) {
            return set(INTERCEPT, filter == null ? "" : filter);
        }

        private Builder set(OptionDef<?> key, @Nullable String value) {
            return set(key.name(), value);
        }

        /** {@return the immutable options} */
        public Options build() {
            return new Options(values);
        }
    }
}
