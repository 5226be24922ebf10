package dev.mitm4j.http;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP flow: one request and, once it arrived (or an addon supplied it), its response. A flow
 * ends with a response or an {@link #error()}. See {@link Flow} for threading and interception.
 */
public final class HttpFlow extends Flow {
    private Request request;
    private @Nullable Response response;
    private @Nullable WebSocketData websocket;

    /** Creates a live flow for {@code request} between the two connections. */
    public HttpFlow(ClientConnection client, ServerConnection server, Request request) {
        this(client, server, request, true);
    }

    /**
     * Creates a flow for {@code request}.
     *
     * @param live false for flows loaded from a file or built in tests
     */
    public HttpFlow(ClientConnection client, ServerConnection server, Request request,
            boolean live) {
        super("http", client, server, live);
        this.request = Objects.requireNonNull(request, "request");
    }

    /** {@return the request} */
    public Request request() {
        return request;
    }

    /** Replaces the request. */
    public void request(Request request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** {@return the response, or null while none has arrived or been set} */
    public @Nullable Response response() {
        return response;
    }

    /** Sets the response; an addon setting it in {@code request} answers without upstream. */
    public void response(@Nullable Response response) {
        this.response = response;
    }

    /** {@return the WebSocket part when the connection was upgraded to WebSocket, else null} */
    public @Nullable WebSocketData websocket() {
        return websocket;
    }

    /** Sets the WebSocket part (null for a plain HTTP flow). */
    public void websocket(@Nullable WebSocketData websocket) {
        this.websocket = websocket;
    }

    /** {@return when the request started (its timestampStart), else when the flow was created} */
    @Override
    public Instant timestampStart() {
        Instant start = request.timestampStart();
        return start != null ? start : timestampCreated();
    }

    /**
     * {@return a deep copy with a new id, not live and not intercepted, as mitmproxy's
     * {@code copy()} (used by replay)}
     */
    public HttpFlow copy() {
        HttpFlow f = new HttpFlow(client().copy(), server().copy(), request.copy(), false);
        f.copyFlowFieldsFrom(this);
        f.response = response == null ? null : response.copy();
        f.websocket = websocket;    // immutable
        return f;
    }

    @Override
    public String toString() {
        return "HttpFlow(" + request + ", " + (response != null ? response : error()) + ")";
    }
}
