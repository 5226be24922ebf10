package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.spi.LayerChain;
import dev.mitm4j.core.spi.Layer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * {@code block_global} and {@code block_private}: the first layer of every stack refuses clients
 * from public (respectively private) addresses by closing the connection, as mitmproxy's block
 * addon does. Loopback clients are always let in.
 */
final class ClientAddressFilter implements Layer {
    private final boolean blockGlobal;
    private final boolean blockPrivate;

    ClientAddressFilter(Options options) {
        this.blockGlobal = options.blockGlobal();
        this.blockPrivate = options.blockPrivate();
    }

    @Override
    public void handle(LayerChain chain) throws IOException {
        InetSocketAddress peer = chain.context().client().peername();
        String refusal = peer == null ? null : refusal(peer.getAddress());
        if (refusal != null) {
            chain.context().root().log().warn("client {} refused: {}", peer, refusal);
            return;
        }
        chain.proceed();
    }

    /** {@return why a client at {@code address} is refused, or null when it is let in} */
    @org.jspecify.annotations.Nullable String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return null;
        }
        boolean isPrivate = isPrivate(address);
        if (blockPrivate && isPrivate) {
            return "private address and block_private is on";
        }
        if (blockGlobal && !isPrivate && !address.isAnyLocalAddress()) {
            return "public address and block_global is on";
        }
        return null;
    }

    /** Site-local, link-local, CGNAT (100.64/10) and IPv6 unique-local addresses. */
    static boolean isPrivate(InetAddress address) {
        if (address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }

    @Override
    public String toString() {
        return "client-address-filter";
    }
}
