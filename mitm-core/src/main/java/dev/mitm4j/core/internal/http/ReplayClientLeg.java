package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Connection;
import dev.mitm4j.core.internal.UpstreamWait;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.internal.http1.BodyFraming;
import java.net.Socket;
import okio.Buffer;
import okio.Okio;
import okio.Sink;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of a flow the proxy sends itself (client replay): no client at all. The
 * request is whole with the flow; whatever would go to a client is dropped; nothing watches the
 * wait for the server, since the {@link Connection#detached detached} connection has no client
 * and no watchdog minds it.
 */
final class ReplayClientLeg implements ClientLeg {
    private final Connection connection;
    private boolean responseStarted;

    ReplayClientLeg(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public boolean replay() {
        return true;
    }

    @Override
    public BodyFraming requestFraming() {
        return BodyFraming.NONE;
    }

    @Override
    public void continueRequest(Request request) {}

    @Override
    public Source requestBody() {
        return new Buffer();
    }

    @Override
    public @Nullable Headers requestTrailers() {
        return null;
    }

    @Override
    public UpstreamWait awaitResponse(Socket server) {
        return UpstreamWait.begin(connection, server, new Buffer(), Long.MAX_VALUE);
    }

    @Override
    public void interim(Response interim) {}

    @Override
    public void respond(String method, Response response) {
        responseStarted = true;
    }

    @Override
    public Sink startResponse(Response response, BodyFraming source, boolean resized) {
        responseStarted = true;
        return Okio.blackhole();
    }

    @Override
    public void finishResponse(Sink body, @Nullable Headers trailers) {}

    @Override
    public boolean responseStarted() {
        return responseStarted;
    }

    @Override
    public void sendError(int code, String reason, String text) {}
}
