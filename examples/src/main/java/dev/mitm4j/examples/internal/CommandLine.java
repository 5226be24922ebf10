package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.internal.options.Flags;
import dev.mitm4j.core.internal.options.OptionDef;
import dev.mitm4j.core.internal.options.OptionTable;
import dev.mitm4j.core.internal.options.OptionType;
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
 * {@code -m} and {@code --set mode=...}).
 * Not thread-safe; one instance per command line.
 *
 * <p>As mitmdump's argparse: short flags combine ({@code -qn}, {@code -nr FILE}); a flag that
 * takes a value ends its cluster and takes the rest of it ({@code -p8081}, {@code -nrFILE}) or
 * else the next argument. {@code -q} (flow_detail 0, termlog_verbosity error) and {@code -v}
 * (flow_detail 2, termlog_verbosity debug) apply after everything else, wherever they stand, so
 * they win over {@code --flow-detail} and {@code --set}, and {@code -v} over {@code -q}; {@code -v}
 * does not count ({@code -vvv} is {@code -v}). A switch and its negation ({@code -n} and
 * {@code --server}) cannot both be given. The flags of options are declared with the options, in
 * {@link OptionTable}; only {@code --set}, {@code -q}, {@code -v} and the print-and-exit flags
 * are this class's own.
 */
public final class CommandLine {
    /** Flags that take a value, each naming the option it sets; from {@link OptionTable}. */
    static final Map<String, String> VALUE_FLAGS = new LinkedHashMap<>();
    /** Flags without a value that set a bool option to true; from {@link OptionTable}. */
    static final Map<String, String> BOOLEAN_FLAGS = new LinkedHashMap<>();
    /** Flags that set a bool option to false ({@code --no-X}, {@code -n}); from the table. */
    static final Map<String, String> NEGATING_FLAGS = new LinkedHashMap<>();
    /** Short flags without a value that set no option. */
    private static final Set<String> PLAIN_SHORT_FLAGS = Set.of("-q", "-v", "-h");

    static {
        for (OptionDef<?> def : OptionTable.all().values()) {
            Flags flags = def.flags();
            if (flags == null) {
                continue;
            }
            for (String flag : flags.names()) {
                (flags.isSwitch() ? BOOLEAN_FLAGS : VALUE_FLAGS).put(flag, def.name());
            }
            if (flags.isSwitch()) {
                for (String flag : flags.negative()) {
                    NEGATING_FLAGS.put(flag, def.name());
                }
            }
        }
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
            setOption(OptionTable.SAVE_STREAM_FILTER.name(), filter);
        }
        if (sofar.readfileFilter() == null) {
            setOption(OptionTable.READFILE_FILTER.name(), filter);
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
            if (!PLAIN_SHORT_FLAGS.contains(flag) && !BOOLEAN_FLAGS.containsKey(flag)
                    && !NEGATING_FLAGS.containsKey(flag)) {
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
            case "--version" -> action = Invocation.Action.VERSION;
            case "--options" -> action = Invocation.Action.OPTIONS;
            case "-h", "--help" -> action = Invocation.Action.HELP;
            default -> booleanFlag(flag);
        }
    }

    private void booleanFlag(String flag) throws UsageException {
        if (BOOLEAN_FLAGS.containsKey(flag)) {
            switchFlag(flag, BOOLEAN_FLAGS.get(flag), true);
        } else if (NEGATING_FLAGS.containsKey(flag)) {
            switchFlag(flag, NEGATING_FLAGS.get(flag), false);
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
            setOption(OptionTable.TERMLOG_VERBOSITY.name(), "error");
            setOption(OptionTable.FLOW_DETAIL.name(), "0");
        }
        if (verbose) {
            setOption(OptionTable.TERMLOG_VERBOSITY.name(), "debug");
            setOption(OptionTable.FLOW_DETAIL.name(), "2");
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
            OptionDef<?> def = OptionTable.all().get(name);
            boolean sequence = def != null && (def.type() == OptionType.SEQUENCE
                    || def.type() == OptionType.MODES);
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
        return Usage.text();
    }
}
