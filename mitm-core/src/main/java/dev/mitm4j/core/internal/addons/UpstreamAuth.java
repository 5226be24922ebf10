package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code upstream_auth} in reverse mode: sets {@code Authorization: Basic ...} on every request
 * sent to the reverse proxy's target. (Upstream mode's {@code Proxy-Authorization}, on
 * absolute-form requests and CONNECTs to the upstream proxy, is done by the engine.) Runs in the
 * {@code requestHeaders} event; immutable and thread-safe.
 */
final class UpstreamAuth implements Addon {
    private final String authorization;

    UpstreamAuth(String userPass) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(userPass.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String name() {
        return "upstream_auth";
    }

    @Override
    public void requestHeaders(HttpFlow flow) {
        if (flow.client().proxyMode().startsWith("reverse:")) {
            flow.request().headers().set("Authorization", authorization);
        }
    }
}
