package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * {@code update_alt_svc} (on unless {@code keep_alt_svc_header}): in reverse mode, every
 * {@code host:port} in a response's {@code Alt-Svc} header becomes {@code :listen-port}, so that
 * clients keep talking to the proxy instead of switching to the origin's alternative service.
 * Runs in the {@code responseHeaders} event; stateless.
 */
final class UpdateAltSvc implements Addon {
    private static final Pattern HOST_PORT = Pattern.compile("([a-zA-Z0-9.-]*:\\d{1,5})");

    @Override
    public String name() {
        return "update_alt_svc";
    }

    @Override
    public void responseHeaders(HttpFlow flow) {
        InetSocketAddress listen = flow.client().sockname();
        if (flow.response() == null || listen == null
                || !flow.client().proxyMode().startsWith("reverse:")) {
            return;
        }
        String altSvc = flow.response().headers().get("Alt-Svc");
        if (altSvc != null) {
            flow.response().headers().set("Alt-Svc",
                    HOST_PORT.matcher(altSvc).replaceAll(":" + listen.getPort()));
        }
    }
}
