package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import java.io.IOException;
import java.net.Socket;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of one {@link HttpStream}, whatever carries it: an HTTP/1 connection
 * ({@link Http1ClientLeg}), an HTTP/2 stream next, or no client at all for a flow the proxy
 * replays itself ({@link ReplayClientLeg}). The stream reads the request body from it and
 * answers through it; the leg owns the wire format (framing, interim responses, keep-alive).
 * Used by the stream's thread only.
 */
interface ClientLeg {
    /** {@return the connection the stream runs on: its idle clock, and what a kill closes} */
    Connection connection();

    /**
     * {@return whether the request came whole with its flow (a replay): there is no body to read,
     * and nobody to stream a response to, so response bodies are read whole}
     */
    boolean replay();

    /** {@return how the request body is delimited as the client sent it (NONE without one)} */
    BodyFraming requestFraming();

    /**
     * Lets a client that waits for {@code 100 Continue} send its body, once nothing refused the
     * request before it; {@code request} then loses its {@code Expect} field.
     */
    void continueRequest(Request request) throws IOException;

    /** {@return the request body, read to its end by the stream; call it exactly once} */
    Source requestBody();

    /** {@return the trailers of the request body, once it was read to its end} */
    @Nullable Headers requestTrailers();

    /**
     * {@return the wait for the response of {@code server}, during which the client is watched
     * and the server timed out (see {@link UpstreamWait}); close it when the head arrived or the
     * read failed}
     */
    UpstreamWait awaitResponse(Socket server);

    /** Passes on an interim (1xx) response, where the client's protocol carries one. */
    void interim(Response interim) throws IOException;

    /**
     * Sends a whole response to a {@code method} request.
     *
     * @throws UnwritableHeadException when the writer refuses its head (nothing was sent) or its
     *     trailers
     */
    void respond(String method, Response response) throws IOException;

    /**
     * Sends the head of a response whose body streams.
     *
     * @return the sink for the body
     * @param source how the body arrives from the server
     * @param resized whether a transformer may change the body's length
     * @throws UnwritableHeadException when the writer refuses the head (nothing was sent)
     */
    Sink startResponse(Response response, BodyFraming source, boolean resized) throws IOException;

    /** Ends a streamed response body with {@code trailers} (if any); flushes. */
    void finishResponse(Sink body, @Nullable Headers trailers) throws IOException;

    /** {@return whether any byte of a final response to this stream's request was sent} */
    boolean responseStarted();

    /**
     * Answers with the proxy's own short plain-text response ({@code code} 400, 413, 502, 504)
     * and asks the client to close; only while {@link #responseStarted()} is false.
     */
    void sendError(int code, String reason, String text) throws IOException;
}
