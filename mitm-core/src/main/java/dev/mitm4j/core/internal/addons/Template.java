package dev.mitm4j.core.internal.addons;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replacement in Python's {@code re.sub} template syntax, as mitmproxy users write them:
 * {@code \1} .. {@code \99} and {@code \g<1>} / {@code \g<name>} insert groups, {@code \\},
 * {@code \n}, {@code \r}, {@code \t} insert those characters, and {@code $} is an ordinary
 * character (unlike Java's replacement syntax). A group that did not take part inserts nothing.
 * Immutable and thread-safe.
 */
final class Template {
    private final List<Object> parts;

    private Template(List<Object> parts) {
        this.parts = parts;
    }

    /** {@return a template inserting {@code text} as it is} */
    static Template literal(String text) {
        return new Template(List.of(text));
    }

    /**
     * {@return {@code template} parsed}
     *
     * @throws IllegalArgumentException for an unterminated {@code \g<...>}
     */
    static Template parse(String template) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                text.append(c);
                continue;
            }
            char next = template.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))
                        ? i + 2 : i + 1;
                flush(text, parts);
                parts.add(Integer.parseInt(template.substring(i, end)));
                i = end - 1;
            } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated group reference \\g<");
                }
                String ref = template.substring(i + 2, close);
                flush(text, parts);
                parts.add(ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()
                        ? (Object) Integer.parseInt(ref) : new Named(ref));
                i = close;
            } else {
                text.append(escape(next));
            }
        }
        flush(text, parts);
        return new Template(List.copyOf(parts));
    }

    /** {@return every match of {@code regex} in {@code input} replaced by this template} */
    String replaceAll(Pattern regex, String input) {
        Matcher m = regex.matcher(input);
        if (!m.find()) {
            return input;
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        do {
            out.append(input, last, m.start());
            expand(m, out);
            last = m.end();
        } while (m.find());
        return out.append(input, last, input.length()).toString();
    }

    private void expand(Matcher m, StringBuilder out) {
        for (Object part : parts) {
            String piece = part instanceof Integer n ? m.group(n)
                    : part instanceof Named named ? m.group(named.name()) : (String) part;
            if (piece != null) {
                out.append(piece);
            }
        }
    }

    /**
     * Checks that every group this template refers to exists in {@code regex}.
     *
     * @throws IllegalArgumentException naming the first missing group
     */
    void checkGroups(Pattern regex) {
        int count = regex.matcher("").groupCount();
        for (Object part : parts) {
            if (part instanceof Integer n && n > count) {
                throw new IllegalArgumentException("invalid group reference " + n);
            }
            if (part instanceof Named named && !regex.namedGroups().containsKey(named.name())) {
                throw new IllegalArgumentException("unknown group name " + named.name());
            }
        }
    }

    private static String escape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case '\\' -> "\\";
            default -> "\\" + c;
        };
    }

    private static void flush(StringBuilder text, List<Object> parts) {
        if (!text.isEmpty()) {
            parts.add(text.toString());
            text.setLength(0);
        }
    }

    private record Named(String name) {}
}
