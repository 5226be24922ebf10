package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.tcp.Relay;
import dev.mitm4j.http.HttpFlow;
import java.io.IOException;

/**
 * {@code 101 Switching Protocols} (WebSocket, h2c): the response goes to the client, then both
 * connections are relayed byte for byte until they end. WebSocket messages are not yet parsed.
 */
final class Upgrades {
    private Upgrades() {}

    static Exchange.Outcome relay(Services services, ClientSide client, Upstreams upstreams,
            Upstream upstream, HttpFlow flow, Exchange exchange) throws IOException {
        upstreams.release(upstream);
        try (upstream) {
            flow.response().rawContent(Bodies.EMPTY);
            exchange.fire(Hook.RESPONSE);
            client.sendHead(flow.response().httpVersion(), flow.response().statusCode(),
                    flow.response().reason(), flow.response().headers());
            Relay.run(client.connection(),
                    new Relay.Side(client.relaySource(), client.sink(),
                            client.connection().socket()),
                    new Relay.Side(upstream.source(), upstream.sink(), upstream.socket()),
                    Relay.Chunks.UNCHANGED);
        }
        return Exchange.Outcome.Close.INSTANCE;
    }
}
