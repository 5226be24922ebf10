package dev.mitm4j.core.internal.socks5;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Socks5AuthData;
import dev.mitm4j.core.internal.Hook;
import dev.mitm4j.core.internal.ProxyAuthenticator;
import dev.mitm4j.core.internal.RealRootContext;
import dev.mitm4j.core.internal.Services;
import dev.mitm4j.core.internal.auth.ProxyAuthenticators;
import dev.mitm4j.core.internal.http.Upstream;
import dev.mitm4j.core.internal.http.UpstreamConnector;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.http.ClientConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * The first layer of the socks5 mode: the SOCKS5 handshake, then the connection goes on to the
 * next layer (HTTP, TLS pass-through or raw TCP, chosen by peeking) with the requested
 * destination, as mitmproxy's Socks5Proxy layer does.
 *
 * <p>With {@code connection_strategy=eager} (the default) the server is connected before the
 * reply, so that the client learns a failure through the reply code (0x05 refused, 0x04 host
 * unreachable, 0x01 otherwise) and the open connection is handed on; with {@code lazy} the
 * reply is success at once and the next layer connects. Credentials (RFC 1929) are asked for
 * when {@code proxyauth} is set or an addon overrides {@link Addon#socks5Auth}.
 *
 * <p>Stateless and thread-safe: one instance serves every connection of a server.
 */
public final class Socks5Layer implements Layer {
    private final Services services;
    private final @Nullable ProxyAuthenticator proxyauth;
    private final boolean askForCredentials;

    public Socks5Layer(Services services) {
        this.services = services;
        this.proxyauth = ProxyAuthenticators.fromSpec(services.options().proxyauth());
        this.askForCredentials = proxyauth != null
                || services.config().addons().stream().anyMatch(Socks5Layer::handlesSocks5Auth);
    }

    @Override public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        InputStream in = context.clientSource().inputStream();
        OutputStream out = context.clientSink().outputStream();
        Socks5Codec.Request request;
        try {
            request = Socks5Handshake.negotiate(in, out, authorizer(context.client()));
        } catch (Socks5Exception e) {
            services.log().debug("{}: SOCKS5 handshake refused: {}", context.client().peername(),
                    e.getMessage());
            return;
        }
        if (request.port() == 0) {
            Socks5Codec.writeReply(out, Socks5Reply.GENERAL_FAILURE, null);
            return;
        }
        Destination destination = new Destination(request.host(), request.port());
        Context next = context.with(Context.DESTINATION, destination);
        Upstream upstream = null;
        if (!services.options().connectionStrategy().equals("lazy")) {
            try {
                upstream = new UpstreamConnector(services, (RealRootContext) context.root())
                        .open("http", destination, true);
            } catch (IOException e) {
                Socks5Handshake.failed(out, e.getCause() != null ? e.getCause() : e);
                services.log().debug("{}: SOCKS5 CONNECT {} failed: {}",
                        context.client().peername(), destination, e.getMessage());
                return;
            }
            next = next.with(Upstream.PREOPENED, upstream);
        }
        Socks5Handshake.succeeded(out, upstream == null ? null
                : (InetSocketAddress) upstream.socket().getLocalSocketAddress());
        chain.proceed(next);
    }

    private Socks5Handshake.@Nullable Authorizer authorizer(ClientConnection client) {
        if (!askForCredentials) {
            return null;
        }
        return (username, password) -> {
            boolean valid = proxyauth != null && proxyauth.authenticate(username, password);
            Socks5AuthData data = new Socks5AuthData(client, username, password, valid);
            services.addons().fire(Hook.SOCKS5_AUTH, data);
            return data.valid();
        };
    }

    private static boolean handlesSocks5Auth(Addon addon) {
        try {
            return addon.getClass().getMethod("socks5Auth", Socks5AuthData.class)
                    .getDeclaringClass() != Addon.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override public String toString() {
        return "socks5";
    }
}
