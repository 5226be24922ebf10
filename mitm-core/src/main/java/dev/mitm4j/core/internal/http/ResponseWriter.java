package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.Streaming.ChunkTransformer;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** Writes responses to the client, head and buffered body in one flush. */
final class ResponseWriter {
    private ResponseWriter() {}

    /**
     * Sends a buffered response.
     *
     * @return whether the client connection must close afterwards
     */
    static boolean send(ClientSide client, String requestMethod, Response response)
            throws IOException {
        byte[] body = response.rawContent() == null ? Bodies.EMPTY : response.rawContent();
        Headers headers = response.headers();
        boolean bodyAllowed = bodyAllowed(requestMethod, response.statusCode());
        boolean chunked = bodyAllowed && MessageWriter.isChunked(headers);
        if (bodyAllowed && !chunked) {
            MessageWriter.fixContentLength(headers, body.length, true);
        }
        client.writeResponseHead(response.httpVersion(), response.statusCode(),
                response.reason(), headers);
        if (bodyAllowed) {
            MessageWriter.writeBody(client.sink(), body, chunked, response.trailers());
        }
        client.sink().flush();
        return closes(response);
    }

    /**
     * Writes the head of a streamed response; the returned sink takes the body.
     *
     * @param framing how the body arrives from the server
     */
    static BodyOut writeStreamedHead(ClientSide client, Response response, BodyFraming framing,
            @Nullable ChunkTransformer transformer) throws IOException {
        Headers headers = response.headers();
        boolean http11 = response.httpVersion().equals("HTTP/1.1");
        boolean chunked = http11 && (framing.kind() == BodyFraming.Kind.CHUNKED
                || transformer != null);
        if (chunked) {
            MessageWriter.makeChunked(headers);
        } else if (transformer != null) {
            headers.remove("Content-Length");
        }
        client.writeResponseHead(response.httpVersion(), response.statusCode(),
                response.reason(), headers);
        client.sink().flush();
        return chunked ? BodyOut.chunked(client.sink()) : BodyOut.identity(client.sink());
    }

    /** {@return whether the response asks the client connection to close} */
    static boolean closes(Response response) {
        String connection = response.headers().get("Connection");
        if (connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("close")) {
            return true;
        }
        return response.httpVersion().equals("HTTP/1.0")
                && (connection == null || !connection.equalsIgnoreCase("keep-alive"));
    }

    static boolean bodyAllowed(String requestMethod, int status) {
        return !requestMethod.equals("HEAD") && status >= 200 && status != 204 && status != 304;
    }
}
