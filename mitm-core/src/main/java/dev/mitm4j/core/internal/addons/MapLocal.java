package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code map_local}: specs {@code |flow-filter|url-regex|file-or-directory}. A request whose
 * filter matches and whose pretty URL the regex finds is answered from the local file system,
 * without an upstream connection: a file path serves that file, always (read on every request,
 * no caching); a directory serves the first existing candidate of {@link LocalPaths}. The first
 * spec that finds a file answers 200 with the file's bytes and a Content-Type from its name
 * ({@link MediaTypes}); when specs matched but no candidate exists, the answer is 404 without
 * content. Runs in the {@code request} event; immutable and thread-safe.
 *
 * <p>A URL that would escape the directory ({@code ..}, encoded or not) has no candidate and is
 * answered 404 (mitmproxy forwards such a request upstream instead).
 */
final class MapLocal implements Addon {
    private static final String OPTION = "map_local";
    private static final Logger LOG = LoggerFactory.getLogger(MapLocal.class);

    private final List<Rule> rules;

    record Rule(FlowFilter filter, Pattern regex, Path local) {}

    MapLocal(List<String> specs) {
        this.rules = specs.stream().map(MapLocal::parse).toList();
    }

    /**
     * {@return {@code spec} parsed; the local path must exist}
     *
     * @throws SpecException for a malformed spec, regex or a missing path
     */
    static Rule parse(String spec) {
        Spec s = Spec.parse(OPTION, spec);
        Pattern regex = Regexes.compile(OPTION, spec, s.subject(), 0);
        Path local = WatchedFile.expand(s.replacement()).toAbsolutePath().normalize();
        if (!Files.exists(local)) {
            throw Spec.invalid(OPTION, spec, "invalid file path " + s.replacement()
                    + " (no such file or directory)");
        }
        return new Rule(s.filter(), regex, local);
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
        String url = flow.request().prettyUrl();
        boolean matched = false;
        List<Path> tried = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.filter().test(flow) || !rule.regex().matcher(url).find()) {
                continue;
            }
            matched = true;
            List<Path> candidates = Files.isRegularFile(rule.local()) ? List.of(rule.local())
                    : LocalPaths.candidates(rule.local(), rule.regex(), url);
            tried.addAll(candidates);
            Path file = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
            if (file != null && serve(flow, file)) {
                return;
            }
        }
        if (matched) {
            if (tried.isEmpty()) {
                LOG.info("map_local: refused {}: it would leave the mapped directory", url);
            } else {
                LOG.info("map_local: none of the local file candidates exist for {}: {}", url,
                        tried);
            }
            flow.response(Response.make(404));
        }
    }

    private static boolean serve(HttpFlow flow, Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("map_local: could not read {}: {}", file, e.toString());
            return false;
        }
        Headers headers = Headers.of("Server", "mitm4j");
        String type = MediaTypes.of(file);
        if (type != null) {
            headers.set("Content-Type", type);
        }
        flow.response(Response.make(200, content, headers));
        return true;
    }
}
