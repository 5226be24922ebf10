package dev.mitm4j.core.internal.addons;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the regexes of specs. They use {@code java.util.regex} syntax, which agrees with
 * Python's {@code re} on the constructs specs use (classes, groups, anchors, quantifiers,
 * {@code (?P<name>...)} excepted); matching is case-sensitive, as in mitmproxy's addons.
 */
final class Regexes {
    private Regexes() {}

    /**
     * {@return {@code regex} compiled with {@code flags}}
     *
     * @throws SpecException naming the option and the spec when it does not compile
     */
    static Pattern compile(String option, String spec, String regex, int flags) {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw Spec.invalid(option, spec, "invalid regular expression \"" + regex + "\" ("
                    + e.getDescription() + " near index " + e.getIndex() + ")");
        }
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
