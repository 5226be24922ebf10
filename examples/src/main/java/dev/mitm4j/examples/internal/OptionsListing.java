package dev.mitm4j.examples.internal;

import dev.mitm4j.core.Options;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code --options}: every option as mitmproxy prints it, a YAML document whose
 * comments carry the help, the type and the choices, followed by {@code name: default}.
 */
public final class OptionsListing {
    private static final int WIDTH = 78;

    private OptionsListing() {}

    /** {@return the listing of every option} */
    public static String render() {
        StringBuilder out = new StringBuilder();
        for (Options.Description d : Options.describe()) {
            String help = d.help() + " Type " + d.type() + "."
                    + (d.choices().isEmpty() ? "" : " Valid values are "
                            + String.join(", ", d.choices()) + ".");
            for (String line : wrap(help, WIDTH - 2)) {
                out.append("# ").append(line).append('\n');
            }
            out.append(d.name()).append(": ").append(yaml(d)).append("\n\n");
        }
        return out.toString();
    }

    private static String yaml(Options.Description d) {
        String value = d.defaultValue();
        if (d.type().startsWith("Sequence")) {
            return value.equals("[]") ? "[]" : "\n- " + value.substring(1, value.length() - 1)
                    .replace(", ", "\n- ");
        }
        if (value.isEmpty()) {
            return d.type().startsWith("Optional") ? "null" : "''";
        }
        if (d.type().equals("str") && !value.matches("[A-Za-z0-9_./~-]+")) {
            return "'" + value.replace("'", "''") + "'";
        }
        return value;
    }

    /** {@return {@code text} in lines of at most {@code width}, where words allow} */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
