package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import java.io.IOException;

/**
 * A CONNECT request: httpConnect → (connect the server at once unless
 * {@code connection_strategy} is lazy; 502 when that fails) → 200 → httpConnected, and the tunnel
 * goes to the next layer. An addon that sets a non-2xx response refuses the tunnel.
 */
final class ConnectHandler {
    private final Services services;
    private final ClientSide client;
    private final Upstreams upstreams;
    private final HttpFlow flow;
    private final Exchange exchange;

    ConnectHandler(Services services, ClientSide client, Upstreams upstreams, HttpFlow flow,
            Exchange exchange) {
        this.services = services;
        this.client = client;
        this.upstreams = upstreams;
        this.flow = flow;
        this.exchange = exchange;
    }

    Exchange.Outcome run() throws IOException {
        Request request = flow.request();
        Destination destination = new Destination(request.host(), request.port());
        exchange.fire(Hook.HTTP_CONNECT);
        Response answer = flow.response();
        if (answer != null && (answer.statusCode() < 200 || answer.statusCode() > 299)) {
            client.sendResponse("CONNECT", answer);
            services.addons().fire(Hook.HTTP_CONNECT_ERROR, flow);
            return Exchange.Outcome.Close.INSTANCE;
        }
        Upstream upstream = null;
        if (answer == null && !services.options().connectionStrategy().equals("lazy")) {
            try {
                if (upstreams.connector().proxyAuthorization() != null) {
                    exchange.fire(Hook.HTTP_CONNECT_UPSTREAM);
                }
                upstream = upstreams.connector().open("http", destination, true);
            } catch (IOException e) {
                exchange.badGateway(e);
                services.addons().fire(Hook.HTTP_CONNECT_ERROR, flow);
                return Exchange.Outcome.Close.INSTANCE;
            }
        }
        if (answer == null) {
            answer = Response.make(200, Bodies.EMPTY, new Headers());
            answer.reason("Connection established");
            flow.response(answer);
        }
        // RFC 9110 section 9.3.6: a 2xx answer to CONNECT carries no Content-Length or
        // Transfer-Encoding (the tunnel's bytes follow the head); clients may take them literally.
        answer.headers().remove("Content-Length");
        answer.headers().remove("Transfer-Encoding");
        client.sendHead("HTTP/1.1", answer.statusCode(), answer.reason(), answer.headers());
        exchange.fire(Hook.HTTP_CONNECTED);
        return new Exchange.Outcome.Tunnel(destination, upstream);
    }
}
