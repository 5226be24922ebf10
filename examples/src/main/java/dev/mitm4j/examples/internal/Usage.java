package dev.mitm4j.examples.internal;

import dev.mitm4j.core.internal.options.Flags;
import dev.mitm4j.core.internal.options.OptionDef;
import dev.mitm4j.core.internal.options.OptionTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code -h}, laid out as argparse lays out mitmdump's: the flags of
 * {@link CommandLine} itself, then each option's flags and usage line from {@link OptionTable},
 * then the names of the options that only {@code --set} reaches.
 */
final class Usage {
    /** argparse's column of help text, and the widest invocation that fits before it. */
    private static final int HELP_COLUMN = 24;
    private static final int WIDTH = 80;

    private static final String HEAD = """
            usage: mitmdump [options] [filter]

            A mitmdump-compatible proxy built on mitm4j. Short flags combine, as in
            mitmdump: -qn, -nr FILE, -p8081.

            options:
            """;

    private Usage() {}

    static String text() {
        StringBuilder out = new StringBuilder(HEAD);
        entry(out, "-h, --help", "show this help message and exit");
        entry(out, "--version", "show version number and exit");
        entry(out, "--options", "show all options and their default values");
        entry(out, "--set NAME=VALUE", "set an option (see --options); repeat for sequences");
        entry(out, "-q, --quiet", "quiet: flow_detail=0, termlog_verbosity=error");
        entry(out, "-v, --verbose", "flow_detail=2, termlog_verbosity=debug (over -q; -vvv is "
                + "-v, as in mitmdump)");
        List<String> setOnly = new ArrayList<>();
        for (OptionDef<?> def : OptionTable.all().values()) {
            Flags flags = def.flags();
            if (flags == null) {
                setOnly.add(def.name());
            } else {
                entry(out, flags.invocation(), flags.usage());
            }
        }
        out.append("\noptions without a flag, set with --set NAME=VALUE (--options describes "
                + "them):\n");
        for (String line : OptionsListing.wrap(String.join(", ", setOnly), WIDTH - 2)) {
            out.append("  ").append(line).append('\n');
        }
        return out.toString();
    }

    /** One flag: its help at column 24, or on the next line when the flags are wider. */
    private static void entry(StringBuilder out, String invocation, String help) {
        String head = "  " + invocation;
        List<String> lines = new ArrayList<>(OptionsListing.wrap(help, WIDTH - HELP_COLUMN));
        if (head.length() <= HELP_COLUMN - 2 && !lines.isEmpty()) {
            out.append(head).append(" ".repeat(HELP_COLUMN - head.length()))
                    .append(lines.removeFirst()).append('\n');
        } else {
            out.append(head).append('\n');
        }
        for (String line : lines) {
            out.append(" ".repeat(HELP_COLUMN)).append(line).append('\n');
        }
    }
}
