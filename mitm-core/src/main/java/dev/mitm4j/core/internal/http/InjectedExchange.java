package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A flow the proxy sends itself, as mitmproxy's {@code ReplayHandler} does for client replay: the
 * request is already whole, and there is no client to read from or answer
 * ({@link ReplayClientLeg}). It runs through the same {@link HttpStream} as a live flow, so it
 * gets the same events (requestheaders → request → (upstream, unless an addon answered) →
 * responseheaders → response, or error instead), interception and kill, and the same error for
 * the same failure; it is listed by {@code FlowMaster.flows()} while it runs. The upstream route
 * is the one the proxy itself would take in {@code mode}: the request's own scheme, host and port
 * (TLS verified as configured), through the upstream proxy in upstream mode. One connection per
 * flow, closed when the flow ends. Bodies are buffered whole (within {@code body_size_limit}); a
 * response body that does not fit in {@code body_memory_budget} is read and dropped, not kept.
 */
public final class InjectedExchange {
    private InjectedExchange() {}

    /**
     * Runs {@code flow} to its end on the calling thread; never throws for the flow's own
     * failures, which become its error (and the error event). The caller made {@code flow} live,
     * so that it can be killed even before it starts; it is not live afterwards.
     */
    public static void run(Services services, RootContext root, Connection connection,
            HttpFlow flow) {
        Upstreams upstreams = new Upstreams(new UpstreamConnector(services, root, connection),
                null);
        flow.server(new ServerConnection());
        prepare(flow.request());
        try {
            if (new HttpStream(services, flow, new ReplayClientLeg(connection), upstreams).run()
                    instanceof HttpStream.Outcome.Switched switched) {
                switched.upstream().close();
            }
        } catch (IOException | RuntimeException e) {
            // The stream ended the flow with its error already; nothing else to tell.
            services.log().debug("replay of {} failed: {}", flow.request().url(), e.toString());
        } finally {
            upstreams.close();
            connection.close();
            flow.live(false);
        }
    }

    /**
     * The request as HTTP/1.1 (a recording may be HTTP/2, whose pseudo-header fields a HAR file
     * keeps among the headers: HTTP/1 has no place for them), with a Host header, stamped now as
     * mitmproxy stamps a replayed request.
     */
    private static void prepare(Request request) {
        if (!request.httpVersion().startsWith("HTTP/1")) {
            String host = request.hostHeader();
            request.httpVersion("HTTP/1.1");
            for (Headers.Field field : List.copyOf(request.headers().fields())) {
                if (field.name().startsWith(":")) {
                    request.headers().remove(field.name());
                }
            }
            if (!request.headers().contains("Host")) {
                request.headers().insert(0, "Host", host != null ? host
                        : HostHeaders.of(request.scheme(),
                                new Destination(request.host(), request.port())));
            }
        } else if (!request.headers().contains("Host")) {
            request.headers().insert(0, "Host", HostHeaders.of(request.scheme(),
                    new Destination(request.host(), request.port())));
        }
        Instant now = Instant.now();
        request.timestampStart(now);
        request.timestampEnd(now);
    }
}
