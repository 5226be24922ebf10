package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code map_remote}: specs {@code |flow-filter|url-regex|replacement}. For every spec whose
 * filter matches, in order, every match of the regex in the request's pretty URL is replaced
 * (Python template syntax, see {@link Template}); when the URL changed, scheme, host, port, path
 * and the Host header are set from it before the proxy connects upstream. Runs in the
 * {@code request} event; immutable and thread-safe.
 */
final class MapRemote implements Addon {
    private static final String OPTION = "map_remote";

    private final List<Rule> rules;

    record Rule(FlowFilter filter, Pattern regex, Template replacement) {}

    MapRemote(List<String> specs) {
        this.rules = specs.stream().map(MapRemote::parse).toList();
    }

    /**
     * {@return {@code spec} parsed}
     *
     * @throws SpecException for a malformed spec, regex or replacement
     */
    static Rule parse(String spec) {
        Spec s = Spec.parse(OPTION, spec);
        Pattern regex = Regexes.compile(OPTION, spec, s.subject(), 0);
        return new Rule(s.filter(), regex, Regexes.template(OPTION, spec, s.replacement(), regex));
    }

    @Override
    public String name() {
        return OPTION;
    }

    @Override
    public void request(HttpFlow flow) {
        if (!Flows.requestOpen(flow)) {
            return;
        }
        for (Rule rule : rules) {
            if (rule.filter().test(flow)) {
                String url = flow.request().prettyUrl();
                String mapped = rule.replacement().replaceAll(rule.regex(), url);
                if (!mapped.equals(url)) {
                    flow.request().url(mapped);
                }
            }
        }
    }
}
