package dev.mitm4j.core.internal.socks5;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ProxyConfig;
import dev.mitm4j.core.Socks5AuthData;
import dev.mitm4j.core.internal.auth.ProxyAuthenticator;
import dev.mitm4j.core.internal.auth.ProxyAuthenticators;
import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.core.spi.Hook;
import dev.mitm4j.core.spi.Layer;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.RootContext;
import dev.mitm4j.core.spi.UpstreamConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    private final @Nullable ProxyAuthenticator proxyauth;
    private final boolean askForCredentials;
    private final boolean lazy;

    private Socks5Layer(@Nullable ProxyAuthenticator proxyauth, boolean askForCredentials,
            boolean lazy) {
        this.proxyauth = proxyauth;
        this.askForCredentials = askForCredentials;
        this.lazy = lazy;
    }

    /** {@return the layer of {@code config}'s proxyauth, addons and connection strategy} */
    public static Socks5Layer forConfig(ProxyConfig config) {
        ProxyAuthenticator proxyauth = ProxyAuthenticators.fromSpec(config.options().proxyauth());
        boolean askForCredentials = proxyauth != null
                || config.addons().stream().anyMatch(Socks5Layer::handlesSocks5Auth);
        return new Socks5Layer(proxyauth, askForCredentials,
                config.options().connectionStrategy().equals("lazy"));
    }

    @Override public void handle(LayerChain chain) throws IOException {
        Context context = chain.context();
        RootContext root = context.root();
        InputStream in = context.clientSource().inputStream();
        OutputStream out = context.clientSink().outputStream();
        Socks5Codec.Request request;
        try {
            request = Socks5Handshake.negotiate(in, out, authorizer(root));
        } catch (Socks5Exception e) {
            root.log().debug("{}: SOCKS5 handshake refused: {}", root.client().peername(),
                    e.getMessage());
            return;
        }
        if (request.port() == 0) {
            Socks5Codec.writeReply(out, Socks5Reply.GENERAL_FAILURE, null);
            return;
        }
        Destination destination = new Destination(request.host(), request.port());
        Context next = context.with(Context.DESTINATION, destination);
        UpstreamConnection upstream = null;
        if (!lazy) {
            try {
                upstream = root.connect(destination, UpstreamConnection.Transport.TCP);
            } catch (IOException e) {
                Socks5Handshake.failed(out, e.getCause() != null ? e.getCause() : e);
                root.log().debug("{}: SOCKS5 CONNECT {} failed: {}", root.client().peername(),
                        destination, e.getMessage());
                return;
            }
            next = next.with(Context.UPSTREAM, upstream);
        }
        Socks5Handshake.succeeded(out, upstream == null ? null : upstream.server().sockname());
        chain.proceed(next);
    }

    private Socks5Handshake.@Nullable Authorizer authorizer(RootContext root) {
        if (!askForCredentials) {
            return null;
        }
        return (username, password) -> {
            boolean valid = proxyauth != null && proxyauth.authenticate(username, password);
            Socks5AuthData data = new Socks5AuthData(root.client(), username, password, valid);
            root.fire(Hook.SOCKS5_AUTH, data);
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
