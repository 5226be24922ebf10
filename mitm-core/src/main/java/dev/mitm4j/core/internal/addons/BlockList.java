package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import java.util.List;

/**
 * {@code block_list}: specs {@code /flow-filter/status-code}. The first spec whose filter
 * matches a request answers it with an empty response of that status, without an upstream
 * connection; status 444 instead hangs up: the flow is killed and the client connection closed
 * without any response. Blocked flows get the metadata {@code blocklisted = true}. Runs in the
 * {@code request} event; immutable and thread-safe.
 */
final class BlockList implements Addon {
    static final int NO_RESPONSE = 444;

    private final List<Rule> rules;

    record Rule(FlowFilter filter, int status) {}

    BlockList(List<String> specs) {
        this.rules = specs.stream().map(BlockList::parse).toList();
    }

    /**
     * {@return {@code spec} parsed}
     *
     * @throws SpecException for a malformed spec or a status outside 100..599
     */
    static Rule parse(String spec) {
        String option = "block_list";
        List<String> parts = Spec.split(option, spec, 3);
        if (parts.size() != 2) {
            throw Spec.invalid(option, spec, "expected 2 parts, got " + parts.size());
        }
        int status;
        try {
            status = Integer.parseInt(parts.get(1));
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 100 || status > 599) {
            throw Spec.invalid(option, spec, "invalid HTTP status code " + parts.get(1));
        }
        return new Rule(Spec.filter(option, spec, parts.get(0)), status);
    }

    @Override
    public String name() {
        return "block_list";
    }

    @Override
    public void request(HttpFlow flow) {
        if (!Flows.requestOpen(flow)) {
            return;
        }
        for (Rule rule : rules) {
            if (rule.filter().test(flow)) {
                flow.metadata().put("blocklisted", true);
                if (rule.status() == NO_RESPONSE) {
                    flow.kill();
                } else {
                    flow.response(Response.make(rule.status(), new byte[0],
                            Headers.of("Server", "mitm4j")));
                }
                return;
            }
        }
    }
}
