package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.HttpFlow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code stickyauth FILTER}: remembers the last {@code Authorization} header seen per request
 * host; a request without one that matches the filter gets the remembered value for its host.
 * Runs in the {@code request} event. Thread-safe; the memory lives as long as the server.
 */
final class StickyAuth implements Addon {
    private final FlowFilter filter;
    private final Map<String, String> byHost = new ConcurrentHashMap<>();

    StickyAuth(FlowFilter filter) {
        this.filter = filter;
    }

    @Override
    public String name() {
        return "stickyauth";
    }

    @Override
    public void request(HttpFlow flow) {
        String host = flow.request().host();
        String authorization = flow.request().headers().get("Authorization");
        if (authorization != null) {
            byHost.put(host, authorization);
        } else if (filter.test(flow)) {
            String remembered = byHost.get(host);
            if (remembered != null) {
                flow.request().headers().set("Authorization", remembered);
            }
        }
    }
}
