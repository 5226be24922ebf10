package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.UpstreamConnectException;
import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.FlowKilledException;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.HttpParseException;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import okio.Source;

/**
 * A flow the proxy sends itself, as mitmproxy's {@code ReplayHandler} does for client replay: the
 * request is already whole, so there is no client to read from or answer. It gets the events of
 * a live flow, requestheaders → request → (upstream, unless an addon answered) →
 * responseheaders → response, or error instead, with interception and kill as usual; it is
 * listed by {@code FlowMaster.flows()} while it runs. The upstream route is the one the proxy
 * itself would take in {@code mode}: the request's own scheme, host and port (TLS verified as
 * configured), through the upstream proxy in upstream mode. One connection per flow, closed
 * when the flow ends. Bodies are buffered whole (within {@code body_size_limit}); a response
 * body that does not fit in {@code body_memory_budget} is read and dropped, not kept.
 */
public final class InjectedExchange {
    private final Services services;
    private final HttpFlow flow;
    private final Connection connection;
    private final Upstreams upstreams;

    private InjectedExchange(Services services, ProxyMode mode, HttpFlow flow) {
        this.services = services;
        this.flow = flow;
        this.connection = Connection.detached("replay-" + flow.id(), services.threads());
        RealRootContext root = RealRootContext.detached(flow.client(), mode, services,
                connection);
        this.upstreams = new Upstreams(new UpstreamConnector(services, root), null);
    }

    /**
     * Runs {@code flow} to its end on the calling thread; never throws for the flow's own
     * failures, which become its error (and the error event). The caller made {@code flow} live,
     * so that it can be killed even before it starts; it is not live afterwards.
     */
    public static void run(Services services, ProxyMode mode, HttpFlow flow) {
        new InjectedExchange(services, mode, flow).run();
    }

    private void run() {
        flow.server(new ServerConnection());
        LiveFlow live = services.flows().start(flow, connection);
        try {
            FlowWaits.awaitResume(flow, connection);    // killed before it started?
            prepare(flow.request());
            fire(Hook.REQUEST_HEADERS);
            fire(Hook.REQUEST);
            if (flow.response() == null) {
                forward(live);
            }
            fire(Hook.RESPONSE);
        } catch (FlowKilledException e) {
            fail(FlowError.KILLED_MESSAGE);
        } catch (IOException | RuntimeException e) {
            fail(reason(e));
        } finally {
            upstreams.close();
            connection.close();
            live.end();
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

    private void forward(LiveFlow live) throws IOException {
        Request request = flow.request();
        Upstream upstream = upstreams.get(request.scheme(),
                new Destination(request.host(), request.port()));
        flow.server(upstream.server());
        upstream.used();
        upstream.sendRequest(request, Forwarding.target(upstream, upstreams.connector(),
                request));
        ResponseHead head = Forwarding.finalResponseHead(upstream, services.limits(),
                Forwarding.Interim.DROP);
        Response response = head.toResponse();
        response.timestampStart(Instant.now());
        flow.response(response);
        fire(Hook.RESPONSE_HEADERS);
        Http1Reader reader = upstream.reader(services.limits());
        BodyFraming framing = head.code() == 101 ? BodyFraming.NONE
                : reader.responseFraming(request.method(), head);
        Source body = reader.body(framing);
        response.rawContent(framing.isEmpty() ? Bodies.EMPTY : readWhole(body, framing, live));
        if (framing.kind() == BodyFraming.Kind.CHUNKED) {
            response.trailers(reader.trailers());
        }
        response.timestampEnd(Instant.now());
    }

    /**
     * {@return the whole response body, or null when it does not fit in the memory budget: then
     * it is read to its end and dropped (there is no client to stream it to), with a warning}
     */
    private byte @org.jspecify.annotations.Nullable [] readWhole(Source body,
            BodyFraming framing, LiveFlow live) throws IOException {
        long sizeLimit = services.options().bodySizeLimit();
        Bodies.Read read = Bodies.read(body, framing, "response", sizeLimit, -1,
                live.bodies(), connection);
        if (read.whole() != null) {
            return read.whole();
        }
        Bodies.warnNotKept(services.log(), connection.id(), flow, "response", read.notFitting(),
                "read and dropped");
        Bodies.markNotKept(flow, "response");
        Bodies.discard(read.prefix(), body, "response", sizeLimit, connection);
        return null;
    }

    private void fire(Hook<HttpFlow> hook) throws FlowKilledException {
        services.addons().fire(hook, flow);
        FlowWaits.awaitResume(flow, connection);
    }

    private void fail(String message) {
        if (flow.error() == null) {
            flow.error(FlowError.of(message));
        }
        services.log().debug("replay of {} failed: {}", flow.request().url(), message);
        services.addons().fire(Hook.ERROR, flow);
    }

    private static String reason(Exception e) {
        if (e instanceof UpstreamConnectException || e instanceof BodyTooLargeException
                || e instanceof UnwritableHeadException) {
            return e.getMessage();
        }
        if (e instanceof HttpParseException) {
            return "invalid response from server: " + e.getMessage();
        }
        return "server connection failed: " + e;
    }
}
