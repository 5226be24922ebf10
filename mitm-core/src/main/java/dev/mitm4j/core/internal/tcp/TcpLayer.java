package dev.mitm4j.core.internal.tcp;

import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.LiveFlow;
import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
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
 * failures at the server's end and TLS errors.
 */
public final class TcpLayer implements Layer {
    private final Services services;

    public TcpLayer(Services services) {
        this.services = services;
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RealRootContext root = (RealRootContext) context.root();
        Upstream server;
        try {
            server = Tunnels.serverFor(context, services);
        } catch (IOException e) {
            root.log().debug("{}: tcp connect failed: {}", root, e.getMessage());
            return;
        }
        TcpFlow flow = new TcpFlow(context.client(), server.server());
        LiveFlow live = services.flows().start(flow, root.connection());
        try (server) {
            services.addons().fire(Hook.TCP_START, flow);
            Relay.run(root.connection(), Tunnels.clientSide(context), Tunnels.serverSide(server),
                    new MessageEvents(flow));
            services.addons().fire(Hook.TCP_END, flow);
        } catch (Relay.EndFailedException e) {
            if (e.clientLeft()) {
                // A client closing its tunnel while the server still sends is a normal end
                // (mitmproxy's too), not an error to show users.
                root.log().debug("{}: the client left the tunnel: {}", root, e.getMessage());
                services.addons().fire(Hook.TCP_END, flow);
            } else {
                failed(flow, e);
            }
        } catch (IOException e) {
            failed(flow, e);
        } finally {
            live.end();
        }
    }

    private void failed(TcpFlow flow, IOException e) {
        flow.error(FlowError.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        services.addons().fire(Hook.TCP_ERROR, flow);
    }

    /** Turns each chunk into a message event and forwards what the addons left. */
    private final class MessageEvents implements Relay.Chunks {
        private final TcpFlow flow;
        private final ReentrantLock lock = new ReentrantLock();

        MessageEvents(TcpFlow flow) {
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
                services.addons().fire(Hook.TCP_MESSAGE, flow);
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
