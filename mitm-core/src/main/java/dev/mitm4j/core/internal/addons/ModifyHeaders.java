package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code modify_headers}: specs {@code /flow-filter/name/value} or {@code /flow-filter/name/@file}.
 * Runs on the request head ({@code requestHeaders}, before the body is read) and on the response
 * head ({@code responseHeaders}), changing only that message. As in mitmproxy: every filter is
 * first evaluated on the unmodified flow; then every matching spec removes its header; then
 * every matching spec with a non-empty value adds it (so two specs for one name give two
 * fields). An empty value therefore just removes. A file value is read again when the file
 * changes and has surrounding whitespace (a final newline) stripped (mitmproxy uses the bytes as
 * they are); names and literal values take Python escapes ({@code \x00}, {@code \n}, ...).
 *
 * <p>No spec can break the header block: the name must be a token and the value must hold no CR,
 * LF or NUL, once escapes are decoded and a file's whitespace is stripped. A spec that breaks this
 * rule is refused when the option is set, naming the option, the spec and (for {@code @file}) the
 * file. A file that breaks it later is treated as one that cannot be read: the header is removed
 * but not added, and a warning names the option and the file.
 * Immutable and thread-safe.
 */
final class ModifyHeaders implements Addon {
    private static final String OPTION = "modify_headers";
    private static final Logger LOG = LoggerFactory.getLogger(ModifyHeaders.class);

    private final List<Rule> rules;

    record Rule(FlowFilter filter, String name, Value value) {}

    ModifyHeaders(List<String> specs) {
        this.rules = specs.stream().map(ModifyHeaders::parse).toList();
    }

    /**
     * {@return {@code spec} parsed; a file value must be readable}
     *
     * @throws SpecException for a malformed spec, an empty name or an unreadable file
     */
    static Rule parse(String spec) {
        Spec s = Spec.parse(OPTION, spec);
        String name = Latin1.unescape(s.subject());
        if (name.isEmpty()) {
            throw Spec.invalid(OPTION, spec, "the header name is empty");
        }
        Rule rule = new Rule(s.filter(), name, Value.parse(OPTION, spec, s.replacement()));
        String problem;
        try {
            problem = problem(rule, current(rule));
        } catch (UncheckedIOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw Spec.invalid(OPTION, spec, problem);
        }
        return rule;
    }

    @Override
    public String name() {
        return OPTION;
    }

    @Override
    public void requestHeaders(HttpFlow flow) {
        if (Flows.requestOpen(flow)) {
            run(flow, flow.request().headers());
        }
    }

    @Override
    public void responseHeaders(HttpFlow flow) {
        if (Flows.responseOpen(flow)) {
            run(flow, flow.response().headers());
        }
    }

    private void run(HttpFlow flow, Headers headers) {
        boolean[] matches = new boolean[rules.size()];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = rules.get(i).filter().test(flow);
        }
        for (int i = 0; i < matches.length; i++) {
            if (matches[i]) {
                headers.remove(rules.get(i).name());
            }
        }
        for (int i = 0; i < matches.length; i++) {
            if (matches[i]) {
                add(headers, rules.get(i));
            }
        }
    }

    private static void add(Headers headers, Rule rule) {
        String value;
        try {
            value = current(rule);
        } catch (UncheckedIOException e) {
            LOG.warn("modify_headers: could not read the value of {}: {}", rule.name(),
                    e.getMessage());
            return;
        }
        String problem = problem(rule, value);
        if (problem != null) {
            LOG.warn("modify_headers: {} not added: {}", rule.name(), problem);
        } else if (!value.isEmpty()) {
            headers.add(rule.name(), value);
        }
    }

    /** {@return the value to add now: a file's content has its surrounding whitespace stripped} */
    private static String current(Rule rule) {
        String value = rule.value().get();
        return rule.value().isFile() ? value.strip() : value;
    }

    /**
     * {@return why {@code name: value} cannot be a header field (as the model's check says,
     * naming the file the value came from), or null when it can}
     */
    private static @Nullable String problem(Rule rule, String value) {
        try {
            new Headers().add(rule.name(), value);
            return null;
        } catch (IllegalArgumentException e) {
            return rule.value().isFile()
                    ? "the value read from " + rule.value().file() + ": " + e.getMessage()
                    : e.getMessage();
        }
    }
}
