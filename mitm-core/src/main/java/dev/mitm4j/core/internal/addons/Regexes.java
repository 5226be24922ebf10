package dev.mitm4j.core.internal.addons;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the regexes of specs. They use {@code java.util.regex} syntax, which agrees with
 * Python's {@code re} on the constructs specs use (classes, groups, anchors, quantifiers);
 * Python's named groups {@code (?P<name>...)} and {@code (?P=name)} are accepted too. Matching
 * is case-sensitive, as in mitmproxy's addons.
 */
final class Regexes {
    private static final Pattern PYTHON_BACKREF = Pattern.compile("\\(\\?P=(\\w+)\\)");

    private Regexes() {}

    /**
     * {@return {@code regex} compiled with {@code flags}}
     *
     * @throws SpecException naming the option and the spec when it does not compile
     */
    static Pattern compile(String option, String spec, String regex, int flags) {
        try {
            return Pattern.compile(pythonNames(regex), flags);
        } catch (PatternSyntaxException e) {
            throw Spec.invalid(option, spec, "invalid regular expression \"" + regex + "\" ("
                    + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }

    /** {@return {@code regex} with Python's named-group syntax in Java's} */
    static String pythonNames(String regex) {
        return PYTHON_BACKREF.matcher(regex.replace("(?P<", "(?<")).replaceAll("\\\\k<$1>");
    }

    /**
     * {@return {@code text} parsed as a template whose groups exist in {@code regex}}
     *
     * @throws SpecException naming the option and the spec otherwise
     */
    static Template template(String option, String spec, String text, Pattern regex) {
        try {
            Template t = Template.parse(text);
            t.checkGroups(regex);
            return t;
        } catch (IllegalArgumentException e) {
            throw Spec.invalid(option, spec, "invalid replacement: " + e.getMessage());
        }
    }
}
