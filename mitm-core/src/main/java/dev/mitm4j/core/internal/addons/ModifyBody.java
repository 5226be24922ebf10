package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.ContentDecodingException;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Message;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code modify_body}: specs {@code /flow-filter/body-regex/replacement} or
 * {@code /flow-filter/body-regex/@file}. In the {@code request} event (before any response) the
 * request body is changed, in the {@code response} event the response body, for every spec whose
 * filter matches, in order. The regex runs over the decoded body (Content-Encoding undone) as one
 * char per byte with {@link Pattern#DOTALL}, and the result is encoded again with the same
 * Content-Encoding. Literal replacements use Python's template syntax ({@code \1},
 * {@code \g<name>}); a file's content is inserted as it is and read again when it changes.
 * Streamed bodies are not modified (a warning says so at start-up when {@code
 * stream_large_bodies} is set); a body that does not decode is left alone with a warning.
 * Immutable and thread-safe.
 */
final class ModifyBody implements Addon {
    private static final String OPTION = "modify_body";
    private static final Logger LOG = LoggerFactory.getLogger(ModifyBody.class);

    private final List<Rule> rules;

    record Rule(FlowFilter filter, Pattern regex, Value value, Template template) {}

    ModifyBody(List<String> specs, long streamLargeBodies) {
        this.rules = specs.stream().map(ModifyBody::parse).toList();
        if (!rules.isEmpty() && streamLargeBodies >= 0) {
            LOG.warn("modify_body: bodies larger than stream_large_bodies ({} bytes) are streamed"
                    + " and will not be modified", streamLargeBodies);
        }
    }

    /**
     * {@return {@code spec} parsed; a file replacement must be readable}
     *
     * @throws SpecException for a malformed spec, regex, replacement or an unreadable file
     */
    static Rule parse(String spec) {
        Spec s = Spec.parse(OPTION, spec);
        Pattern regex = Regexes.compile(OPTION, spec, Latin1.unescape(s.subject()),
                Pattern.DOTALL);
        Value value = Value.parse(OPTION, spec, s.replacement());
        Template template = value.isFile() ? Template.literal("")
                : Regexes.template(OPTION, spec, value.get(), regex);
        return new Rule(s.filter(), regex, value, template);
    }

    @Override
    public String name() {
        return OPTION;
    }

    @Override
    public void request(HttpFlow flow) {
        if (Flows.requestOpen(flow)) {
            run(flow, flow.request());
        }
    }

    @Override
    public void response(HttpFlow flow) {
        if (Flows.responseOpen(flow)) {
            run(flow, flow.response());
        }
    }

    private void run(HttpFlow flow, Message message) {
        for (Rule rule : rules) {
            if (rule.filter().test(flow)) {
                replace(message, rule);
            }
        }
    }

    private static void replace(Message message, Rule rule) {
        byte[] content;
        try {
            content = message.content();
        } catch (ContentDecodingException e) {
            LOG.warn("modify_body: body not modified, it does not decode: {}", e.getMessage());
            return;
        }
        if (content == null) {
            return;
        }
        Template template;
        try {
            template = rule.value().isFile() ? Template.literal(rule.value().get())
                    : rule.template();
        } catch (UncheckedIOException e) {
            LOG.warn("modify_body: could not read the replacement: {}", e.getMessage());
            return;
        }
        String body = Latin1.of(content);
        String replaced = template.replaceAll(rule.regex(), body);
        if (!replaced.equals(body)) {
            message.content(Latin1.bytes(replaced));
        }
    }
}
