package dev.mitm4j.filter;

import dev.mitm4j.filter.internal.Compiler;
import dev.mitm4j.filter.internal.FlowMatcher;
import dev.mitm4j.filter.internal.Operator;
import dev.mitm4j.filter.internal.Parser;
import dev.mitm4j.http.Flow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A compiled mitmproxy filter expression: a reusable predicate over flows.
 *
 * <pre>{@code
 * FlowFilter filter = FlowFilter.parse("~d example\\.com & ~c 200 & !~a");
 * if (filter.test(flow)) { ... }
 * }</pre>
 *
 * <h2>Language</h2>
 * The operators are mitmproxy's ({@link #help()} lists them): {@code ~q ~s ~a ~e ~http ~tcp}
 * and the like test a property; {@code ~u ~d ~m ~h ~b ~t ...} take a regex; {@code ~c} takes a
 * status code. {@code !} (not) binds tighter than {@code &} (and), which binds tighter than
 * {@code |} (or); parentheses group. Expressions written next to each other are joined with
 * {@code &}, more loosely than {@code |}: {@code ~a ~b x | ~c 200} means
 * {@code ~a & (~b x | ~c 200)}. A word without an operator is a URL regex ({@code ~u}).
 *
 * <p>Regexes use Python's syntax (translated to {@code java.util.regex}; constructs Java lacks
 * are rejected), are case-insensitive and unanchored (a match anywhere counts). Write them bare
 * or in {@code '...'} or {@code "..."}; quote a regex that contains whitespace, {@code ~} or a
 * quote. Inside quotes, {@code \\}, {@code \'} and {@code \"} stand for the character itself and
 * every other backslash is kept for the regex. Body operators search the decoded body, header
 * operators search {@code name: value} lines. An operator that does not apply to a flow (a header
 * operator on a TCP flow, {@code ~c} on a flow without a response) does not match it.
 *
 * <h2>Differences from mitmproxy</h2>
 * Expressions mitmproxy parses mean the same here, except where its parser is known to
 * surprise: parentheses that balance inside an unquoted regex belong to it
 * ({@code ~u get(Info|Routers)} is one regex, not {@code ~u get & ~u Info|Routers}); regex
 * escapes such as {@code \.} survive inside quotes (mitmproxy drops the backslash); {@code ~c}
 * rejects a code followed by letters; a trailing {@code &} or {@code |} is an error rather than a
 * URL regex. Some expressions mitmproxy rejects are accepted: {@code (~q)}, {@code ~q&~s},
 * juxtaposition inside parentheses, and a regex argument that starts with a group.
 *
 * <h2>Threads and errors</h2>
 * Instances are immutable and thread-safe; {@link #test(Flow)} may run concurrently on any number
 * of threads. It reads the flow without locking: call it from the thread that owns the flow
 * (an addon's event method), as the flow model is not thread-safe. {@code test} never throws for
 * a well-formed flow. {@link #parse(String)} throws {@link FilterSyntaxException}.
 */
public final class FlowFilter implements Predicate<Flow> {
    /** Matches every flow ({@code ~all}). */
    public static final FlowFilter ALL = parse("~all");

    private final String expression;
    private final FlowMatcher matcher;

    private FlowFilter(String expression, FlowMatcher matcher) {
        this.expression = expression;
        this.matcher = matcher;
    }

    /**
     * Parses and compiles an expression; regexes are compiled here, once.
     *
     * @param expression a filter expression, e.g. {@code "~d example\\.com & ~c 200"}
     * @return an immutable, thread-safe filter
     * @throws FilterSyntaxException if the expression is empty or invalid, with the offset
     * @throws NullPointerException if {@code expression} is null
     */
    public static FlowFilter parse(String expression) {
        return new FlowFilter(expression, Compiler.compile(Parser.parse(expression)));
    }

    /** {@return whether the flow matches} */
    @Override
    public boolean test(Flow flow) {
        return matcher.test(flow);
    }

    /** {@return the expression as given to {@link #parse(String)}} */
    public String expression() {
        return expression;
    }

    /**
     * One line of {@link #help()}.
     *
     * @param syntax how the operator is written, e.g. {@code "~bq regex"}
     * @param description what it matches
     */
    public record HelpEntry(String syntax, String description) {}

    /**
     * {@return every operator with its description, sorted by syntax as mitmproxy lists them,
     * followed by {@code ! & | (...)}}
     */
    public static List<HelpEntry> help() {
        List<HelpEntry> help = new ArrayList<>();
        for (Operator op : Operator.values()) {
            help.add(new HelpEntry(op.syntax(), op.help()));
        }
        help.sort(Comparator.comparing(HelpEntry::syntax));
        help.add(new HelpEntry("!", "unary not"));
        help.add(new HelpEntry("&", "and"));
        help.add(new HelpEntry("|", "or"));
        help.add(new HelpEntry("(...)", "grouping"));
        return List.copyOf(help);
    }

    /** {@return whether {@code o} is a filter with the same expression text} */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FlowFilter f && f.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** {@return the expression, as {@link #expression()}} */
    @Override
    public String toString() {
        return expression;
    }
}
