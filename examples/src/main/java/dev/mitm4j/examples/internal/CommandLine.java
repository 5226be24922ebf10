package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.internal.options.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses mitmdump's command line into an {@link Invocation}: every flag maps to one option, so
 * that {@code -p 8081}, {@code --listen-port=8081} and {@code --set listen_port=8081} mean the same.
 * Sequence options replace their default on first use and grow on repetition (mitmdump's
 * {@code -m} and {@code --set mode=...}). Later issues add flags to {@link #VALUE_FLAGS} and
 * {@link #BOOLEAN_FLAGS}. Not thread-safe; one instance per command line.
 *
 * <p>As mitmdump's argparse: short flags combine ({@code -qn}, {@code -nr FILE}); a flag that
 * takes a value ends its cluster and takes the rest of it ({@code -p8081}, {@code -nrFILE}) or
 * else the next argument. {@code -q} (flow_detail 0, termlog_verbosity error) and {@code -v}
 * (flow_detail 2, termlog_verbosity debug) apply after everything else, wherever they stand, so
 * they win over {@code --flow-detail} and {@code --set}, and {@code -v} over {@code -q}; {@code -v}
 * does not count ({@code -vvv} is {@code -v}). A switch and its negation ({@code -n} and
 * {@code --server}) cannot both be given.
 */
public final class CommandLine {
    /** Flags that take a value, each naming the option it sets. */
    static final Map<String, String> VALUE_FLAGS = new LinkedHashMap<>();
    /** Flags without a value that set a bool option to true ({@code --no-X} sets false). */
    static final Map<String, String> BOOLEAN_FLAGS = new LinkedHashMap<>();
    /** Short flags without a value that are not in {@link #BOOLEAN_FLAGS}. */
    private static final Set<String> PLAIN_SHORT_FLAGS = Set.of("-q", "-v", "-n", "-h");

    static {
        VALUE_FLAGS.put("--listen-host", "listen_host");
        VALUE_FLAGS.put("-p", "listen_port");
        VALUE_FLAGS.put("--listen-port", "listen_port");
        VALUE_FLAGS.put("-m", "mode");
        VALUE_FLAGS.put("--mode", "mode");
        VALUE_FLAGS.put("--flow-detail", "flow_detail");
        VALUE_FLAGS.put("--ignore-hosts", "ignore_hosts");
        VALUE_FLAGS.put("--allow-hosts", "allow_hosts");
        VALUE_FLAGS.put("--tcp-hosts", "tcp_hosts");
        VALUE_FLAGS.put("--proxyauth", "proxyauth");
        VALUE_FLAGS.put("--upstream-auth", "upstream_auth");
        VALUE_FLAGS.put("--certs", "certs");
        VALUE_FLAGS.put("--cert-passphrase", "cert_passphrase");
        VALUE_FLAGS.put("--key-size", "key_size");
        VALUE_FLAGS.put("--leaf-key-type", "leaf_key_type");
        VALUE_FLAGS.put("--client-certs", "client_certs");
        VALUE_FLAGS.put("--confdir", "confdir");
        VALUE_FLAGS.put("-M", "map_remote");
        VALUE_FLAGS.put("--map-remote", "map_remote");
        VALUE_FLAGS.put("--map-local", "map_local");
        VALUE_FLAGS.put("-B", "modify_body");
        VALUE_FLAGS.put("--modify-body", "modify_body");
        VALUE_FLAGS.put("-H", "modify_headers");
        VALUE_FLAGS.put("--modify-headers", "modify_headers");
        VALUE_FLAGS.put("--stickycookie", "stickycookie");
        VALUE_FLAGS.put("--stickyauth", "stickyauth");
        VALUE_FLAGS.put("--intercept", "intercept");
        VALUE_FLAGS.put("-w", "save_stream_file");
        VALUE_FLAGS.put("--save-stream-file", "save_stream_file");
        VALUE_FLAGS.put("-r", "rfile");
        VALUE_FLAGS.put("--rfile", "rfile");
        VALUE_FLAGS.put("-S", "server_replay");
        VALUE_FLAGS.put("--server-replay", "server_replay");
        VALUE_FLAGS.put("-C", "client_replay");
        VALUE_FLAGS.put("--client-replay", "client_replay");
        BOOLEAN_FLAGS.put("--upstream-cert", "upstream_cert");
        BOOLEAN_FLAGS.put("--anticache", "anticache");
        BOOLEAN_FLAGS.put("--server", "server");               // --no-server, as -n
        BOOLEAN_FLAGS.put("--keepserving", "keepserving");
        BOOLEAN_FLAGS.put("--anticomp", "anticomp");
        BOOLEAN_FLAGS.put("--showhost", "showhost");
        BOOLEAN_FLAGS.put("-k", "ssl_insecure");
        BOOLEAN_FLAGS.put("--ssl-insecure", "ssl_insecure");
        BOOLEAN_FLAGS.put("--rawtcp", "rawtcp");
        BOOLEAN_FLAGS.put("--http2", "http2");
        BOOLEAN_FLAGS.put("--store-streamed-bodies", "store_streamed_bodies");
    }

    private final Options.Builder options = Options.builder();
    private final Set<String> sequencesSeen = new HashSet<>();
    /** The flag that set each bool option (argparse: a switch excludes its negation). */
    private final Map<String, String> switchedBy = new HashMap<>();
    private final Map<String, Boolean> switchedTo = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private Invocation.Action action = Invocation.Action.RUN;
    private boolean quiet;
    private boolean verbose;

    private CommandLine() {}

    /**
     * {@return what {@code args} ask for}
     *
     * @throws UsageException naming the flag or option and the accepted form
     */
    public static Invocation parse(String... args) throws UsageException {
        CommandLine line = new CommandLine();
        line.parseAll(args);
        line.applyVerbosity();
        String filter = line.positional.isEmpty() ? null : String.join(" ", line.positional);
        if (filter != null) {
            line.filterAlsoSelects(filter);
        }
        return new Invocation(line.action, line.options.build(), filter);
    }

    /**
     * As mitmdump, the positional filter also chooses what {@code -w} saves and what {@code -r}
     * reads, unless {@code save_stream_filter} or {@code readfile_filter} was set explicitly.
     */
    private void filterAlsoSelects(String filter) throws UsageException {
        Options sofar = options.build();
        if (sofar.saveStreamFilter() == null) {
            setOption("save_stream_filter", filter);
        }
        if (sofar.readfileFilter() == null) {
            setOption("readfile_filter", filter);
        }
    }

    private void parseAll(String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                return;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
            } else if (arg.startsWith("--")) {
                i = longFlag(args, i);
            } else {
                i = shortFlags(args, i);
            }
        }
    }

    /** {@code --flag}, {@code --flag=value} or {@code --flag value}; {@return the last index used} */
    private int longFlag(String[] args, int i) throws UsageException {
        String arg = args[i];
        int eq = arg.indexOf('=');
        String flag = eq < 0 ? arg : arg.substring(0, eq);
        if (takesValue(flag)) {
            String value = eq >= 0 ? arg.substring(eq + 1) : next(args, ++i, flag);
            valueFlag(flag, value);
        } else if (eq >= 0) {
            throw new UsageException("flag " + flag + " takes no value");
        } else {
            plainFlag(flag);
        }
        return i;
    }

    /**
     * A cluster of short flags as argparse reads it: {@code -qnk} is three flags; one that takes
     * a value ends the cluster with the rest of it ({@code -p8081}, {@code -nrFILE},
     * {@code -p=8081}) or, when nothing is left, with the next argument ({@code -nr FILE}).
     * {@return the last index used}
     */
    private int shortFlags(String[] args, int i) throws UsageException {
        String cluster = args[i];
        for (int c = 1; c < cluster.length(); c++) {
            String flag = "-" + cluster.charAt(c);
            String rest = cluster.substring(c + 1);
            if (takesValue(flag)) {
                if (c == 1 && rest.startsWith("=")) {
                    rest = rest.substring(1);
                }
                valueFlag(flag, rest.isEmpty() ? next(args, ++i, flag) : rest);
                return i;
            }
            if (!PLAIN_SHORT_FLAGS.contains(flag) && !BOOLEAN_FLAGS.containsKey(flag)) {
                throw new UsageException(cluster.length() == 2
                        ? "unrecognized argument: " + flag + suggestion(flag)
                        : "unrecognized flag " + flag + " in " + cluster);
            }
            plainFlag(flag);
        }
        return i;
    }

    private static boolean takesValue(String flag) {
        return VALUE_FLAGS.containsKey(flag) || flag.equals("--set") || flag.equals("-s");
    }

    private static String next(String[] args, int i, String flag) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("flag " + flag + " expects a value");
        }
        return args[i];
    }

    private void valueFlag(String flag, String value) throws UsageException {
        if (flag.equals("-s")) {
            throw new UsageException("-s (scripts) is not supported: mitm4j addons are Java "
                    + "classes (see dev.mitm4j.core.Addon)");
        }
        if (flag.equals("--set")) {
            int eq = value.indexOf('=');
            setOption(eq < 0 ? value : value.substring(0, eq), eq < 0 ? null : value.substring(eq + 1));
        } else {
            setOption(VALUE_FLAGS.get(flag), value);
        }
    }

    private void plainFlag(String flag) throws UsageException {
        switch (flag) {
            case "-q", "--quiet" -> quiet = true;
            case "-v", "--verbose" -> verbose = true;
            case "-n" -> switchFlag(flag, "server", false);
            case "--version" -> action = Invocation.Action.VERSION;
            case "--options" -> action = Invocation.Action.OPTIONS;
            case "-h", "--help" -> action = Invocation.Action.HELP;
            default -> booleanFlag(flag);
        }
    }

    private void booleanFlag(String flag) throws UsageException {
        if (BOOLEAN_FLAGS.containsKey(flag)) {
            switchFlag(flag, BOOLEAN_FLAGS.get(flag), true);
        } else if (flag.startsWith("--no-") && BOOLEAN_FLAGS.containsKey("--" + flag.substring(5))) {
            switchFlag(flag, BOOLEAN_FLAGS.get("--" + flag.substring(5)), false);
        } else {
            throw new UsageException("unrecognized argument: " + flag + suggestion(flag));
        }
    }

    /** Sets a bool option by flag; a flag of the opposite value was given too: an error. */
    private void switchFlag(String flag, String option, boolean value) throws UsageException {
        Boolean earlier = switchedTo.putIfAbsent(option, value);
        if (earlier != null && earlier != value) {
            throw new UsageException("flag " + flag + " not allowed with "
                    + switchedBy.get(option) + " (" + option + " cannot be both true and false)");
        }
        switchedBy.putIfAbsent(option, flag);
        setOption(option, Boolean.toString(value));
    }

    /** mitmdump's -q, then -v: after every other flag and {@code --set}, whatever the order. */
    private void applyVerbosity() throws UsageException {
        if (quiet) {
            setOption("termlog_verbosity", "error");
            setOption("flow_detail", "0");
        }
        if (verbose) {
            setOption("termlog_verbosity", "debug");
            setOption("flow_detail", "2");
        }
    }

    private static String suggestion(String flag) {
        List<String> all = new ArrayList<>(VALUE_FLAGS.keySet());
        all.addAll(BOOLEAN_FLAGS.keySet());
        all.addAll(List.of("--set", "--quiet", "--verbose", "--version", "--options", "--help"));
        List<String> close = Suggestions.closeMatches(flag, all);
        return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
    }

    private void setOption(String name, @Nullable String value) throws UsageException {
        try {
            boolean sequence = Options.describe().stream().anyMatch(
                    d -> d.name().equals(name) && d.type().startsWith("Sequence"));
            if (sequence && value != null && !sequencesSeen.add(name)) {
                options.add(name, value);
            } else {
                options.set(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@return the usage text of {@code -h}} */
    public static String usage() {
        return """
                usage: mitmdump [options] [filter]

                A mitmdump-compatible proxy built on mitm4j. Short flags combine, as in
                mitmdump: -qn, -nr FILE, -p8081.

                options:
                  -h, --help            show this help message and exit
                  --version             show version number and exit
                  --options             show all options and their default values
                  --set NAME=VALUE      set an option (see --options); repeat for sequences
                  -q, --quiet           quiet: flow_detail=0, termlog_verbosity=error
                  -v, --verbose         flow_detail=2, termlog_verbosity=debug (over -q;
                                        -vvv is -v, as in mitmdump)
                  --flow-detail N       0 (quiet) to 4 (very verbose)
                  -m, --mode MODE       regular, socks5, reverse:SPEC, upstream:SPEC; repeatable
                  --listen-host HOST    address to bind the proxy to (default 127.0.0.1)
                  -p, --listen-port PORT
                                        port to bind the proxy to (default 8080)
                  --ignore-hosts REGEX  pass matching host:port through untouched; repeatable
                  --allow-hosts REGEX   only intercept matching host:port; repeatable
                  --tcp-hosts REGEX     treat matching host:port as raw TCP; repeatable
                  --proxyauth SPEC      user:pass, any or @htpasswd-file
                  --upstream-auth USER:PASS
                                        Basic credentials for the upstream/reverse server
                  --anticache, --no-anticache
                  --anticomp, --no-anticomp
                  --showhost, --no-showhost
                  -M, --map-remote PATTERN
                                        |flow-filter|url-regex|replacement; repeatable
                  --map-local PATTERN   |flow-filter|url-regex|file-or-directory; repeatable
                  -B, --modify-body PATTERN
                                        /flow-filter/body-regex/[@]replacement; repeatable
                  -H, --modify-headers PATTERN
                                        /flow-filter/header-name/[@]value; repeatable
                  --stickycookie FILTER  add the server's cookies to matching requests
                  --stickyauth FILTER   replay the last Authorization to matching requests
                  --intercept FILTER    hold matching flows until resumed (FlowMaster)
                  (block_list has no flag, as in mitmdump: --set block_list=/filter/status)
                  -w, --save-stream-file PATH
                                        append flows to a mitmproxy flow file (+PATH appends)
                  -r, --rfile PATH      read flows from a flow or HAR file (- is stdin)
                  -n, --no-server       start no proxy listener: read, filter, write, -C
                  -S, --server-replay PATH
                                        answer matching requests from recorded flows
                  -C, --client-replay PATH
                                        send the recorded requests again, through the proxy
                  --keepserving         keep serving after -r, -C or -S
                  --certs [DOMAIN=]PATH  certificate (and key) to serve; repeatable
                  --cert-passphrase PASS
                                        passphrase of the key in --certs or the CA
                  --key-size BITS       RSA key size of the CA and RSA leaves (default 2048)
                  --leaf-key-type TYPE  auto (EC, or RSA for clients without ECDSA), ec, rsa
                  -k, --ssl-insecure    do not verify upstream server certificates
                  --rawtcp, --no-rawtcp  only --rawtcp (the default) is supported
                  --http2, --no-http2   no effect: mitm4j has no HTTP/2 yet
                  --store-streamed-bodies, --no-store-streamed-bodies
                                        only --no-store-streamed-bodies (the default)
                """;
    }
}
