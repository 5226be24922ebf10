package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.internal.http1.BodyFraming;
import java.io.IOException;
import java.net.Socket;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of one {@link HttpStream}: one request out, its response in, over a
 * connection the leg does not own ({@link Upstreams} keeps, reuses and closes it). HTTP/1 is
 * {@link Http1ServerLeg}. Used by the stream's thread only.
 */
interface ServerLeg {
    /** {@return the server connection, for the flow} */
    ServerConnection server();

    /** {@return the connection under the leg, handed over whole when the protocol switches} */
    Upstream connection();

    /** {@return the socket to shut when the server stays silent too long} */
    Socket socket();

    /**
     * {@return whether the connection carried requests before this one: if it fails before any
     * byte of the response, it probably went stale while idle and the request may go again}
     */
    boolean reused();

    /**
     * Sends a whole request.
     *
     * @throws UnwritableHeadException when the writer refuses its head (nothing was sent) or its
     *     trailers
     */
    void sendRequest(Request request) throws IOException;

    /**
     * Sends the head of a request whose body streams.
     *
     * @return the sink for the body
     * @param source how the body arrives from the client
     * @param resized whether a transformer may change the body's length
     * @throws UnwritableHeadException when the writer refuses the head (nothing was sent)
     */
    Sink startRequest(Request request, BodyFraming source, boolean resized) throws IOException;

    /** Ends a streamed request body with {@code trailers} (if any); flushes. */
    void finishRequest(Sink body, @Nullable Headers trailers) throws IOException;

    /** Receives the interim (1xx) responses a server sends before its final one. */
    @FunctionalInterface
    interface Interim {
        void accept(Response interim) throws IOException;
    }

    /**
     * Reads the final response's head (101 counts as final), passing interim ones to
     * {@code interim}.
     *
     * @return the head as a response without body, stamped now
     */
    Response readResponseHead(Interim interim) throws IOException;

    /** {@return whether any byte of the response arrived (false: the server closed first)} */
    boolean responseStarted();

    /** {@return how the body of the response just read is delimited, as the server sent it} */
    BodyFraming responseFraming();

    /** {@return the response body, read to its end by the stream; call it exactly once} */
    Source responseBody();

    /** {@return the trailers of the response body, once it was read to its end} */
    @Nullable Headers responseTrailers();

    /**
     * {@return whether {@code failure}, before any response, means the server does not speak
     * the protocol tried (h2c with prior knowledge to an HTTP/1 server): a buffered request may
     * go again over HTTP/1.1}
     */
    default boolean retryOverHttp1(IOException failure) {
        return false;
    }

    /** {@return whether the connection can carry another request after this response} */
    boolean persists();
}
