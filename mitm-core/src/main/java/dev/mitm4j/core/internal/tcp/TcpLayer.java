package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.FlowInProgress;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Raw TCP with events ({@code tcp_hosts}, and non-HTTP traffic in a tunnel): tcpStart, one
 * tcpMessage per chunk read in either direction (an addon may replace or remove the message),
 * then tcpEnd or tcpError. Each direction runs on its own virtual thread; message events are
 * serialized so that addons see the flow's message list change one message at a time. A client
 * that closes or resets its end ends the flow with tcpEnd, as in mitmproxy; tcpError is for
 * failures at the server's end and TLS errors. Stateless: one instance serves every connection.
 */
public final class TcpLayer implements Layer {

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RootContext root = context.root();
        UpstreamConnection server;
        try {
            server = Tunnels.serverFor(context);
        } catch (IOException e) {
            root.log().debug("{}: tcp connect failed: {}", root, e.getMessage());
            return;
        }
        TcpFlow flow = new TcpFlow(context.client(), server.server());
        try (server; FlowInProgress live = root.inProgress(flow)) {
            relay(root, context, server, flow);
        }
    }

    private static void relay(RootContext root, Context context, UpstreamConnection server,
            TcpFlow flow) {
        try {
            root.fire(Hook.TCP_START, flow);
            Relay.run(root, Relay.End.client(context), Relay.End.server(server),
                    new MessageEvents(root, flow));
            root.fire(Hook.TCP_END, flow);
        } catch (Relay.EndFailedException e) {
            if (e.clientLeft()) {
                // A client closing its tunnel while the server still sends is a normal end
                // (mitmproxy's too), not an error to show users.
                root.log().debug("{}: the client left the tunnel: {}", root, e.getMessage());
                root.fire(Hook.TCP_END, flow);
            } else {
                failed(root, flow, e);
            }
        } catch (IOException e) {
            failed(root, flow, e);
        }
    }

    private static void failed(RootContext root, TcpFlow flow, IOException e) {
        flow.error(FlowError.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        root.fire(Hook.TCP_ERROR, flow);
    }

    /** Turns each chunk into a message event and forwards what the addons left. */
    private static final class MessageEvents implements Relay.Chunks {
        private final RootContext root;
        private final TcpFlow flow;
        private final ReentrantLock lock = new ReentrantLock();

        MessageEvents(RootContext root, TcpFlow flow) {
            this.root = root;
            this.flow = flow;
        }

        @Override
        public void forward(boolean fromClient, Buffer chunk, BufferedSink to)
                throws IOException {
            byte[] content;
            lock.lock();
            try {
                List<TcpMessage> messages = flow.messages();
                int index = messages.size();
                messages.add(new TcpMessage(fromClient, chunk.readByteArray(), Instant.now()));
                root.fire(Hook.TCP_MESSAGE, flow);
                content = messages.size() > index ? messages.get(index).content() : null;
            } finally {
                lock.unlock();
            }
            if (content != null && content.length > 0) {
                to.write(content);
            }
        }
    }

    @Override
    public String toString() {
        return "tcp";
    }
}
