package dev.mitm4j.core.internal.addons;

import dev.mitm4j.filter.FlowFilter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One parsed spec of the options that share mitmproxy's spec syntax ({@code modify_headers},
 * {@code modify_body}, {@code map_remote}, {@code map_local}, {@code block_list}): the first
 * character is the separator; the rest splits into at most three parts (the last part keeps any
 * further separators). Two parts mean {@code subject, replacement} with the filter {@code ~all};
 * three parts mean {@code filter, subject, replacement}.
 *
 * <p>Every error is an {@link IllegalArgumentException} with the message
 * {@code Invalid value "SPEC" for option NAME: REASON; expected FORM}, the same text
 * {@link dev.mitm4j.core.Options.Builder#set} gives for these options. Thread-safe (immutable).
 *
 * @param option the option name, e.g. {@code modify_headers}
 * @param spec the spec as written
 * @param filter the filter part ({@code ~all} when omitted)
 * @param subject the middle part (header name, regex)
 * @param replacement the last part (value, replacement, path), possibly {@code @file}
 */
public record Spec(String option, String spec, FlowFilter filter, String subject,
        String replacement) {

    /**
     * {@return {@code spec} parsed for {@code option}}
     *
     * @throws IllegalArgumentException naming the option, the spec and the expected form
     */
    public static Spec parse(String option, String spec) {
        List<String> parts = split(option, spec, 3);
        if (parts.size() == 2) {
            return new Spec(option, spec, FlowFilter.ALL, parts.get(0), parts.get(1));
        }
        if (parts.size() != 3) {
            throw invalid(option, spec, "expected 2 or 3 parts, got " + parts.size());
        }
        return new Spec(option, spec, filter(option, spec, parts.get(0)), parts.get(1),
                parts.get(2));
    }

    /**
     * {@return the parts of {@code spec} after its separator character, at most {@code max}
     * (Python's {@code rem.split(sep, max - 1)})}
     *
     * @throws IllegalArgumentException when {@code spec} is empty
     */
    static List<String> split(String option, String spec, int max) {
        if (spec.isEmpty()) {
            throw invalid(option, spec, "the spec is empty");
        }
        String separator = spec.substring(0, 1);
        return List.of(spec.substring(1).split(Pattern.quote(separator), max));
    }

    /** {@return {@code expression} compiled, or an error naming the option and the spec} */
    static FlowFilter filter(String option, String spec, String expression) {
        try {
            return FlowFilter.parse(expression);
        } catch (IllegalArgumentException e) {
            throw invalid(option, spec, "invalid filter expression " + quote(expression) + " ("
                    + firstLine(e.getMessage()) + ")");
        }
    }

    /** {@return the error for a bad spec of {@code option}: spec, reason and expected form} */
    static SpecException invalid(String option, String spec, String reason) {
        return new SpecException(option, spec, reason);
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
