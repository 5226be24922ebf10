package dev.mitm4j.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The addresses a server's listeners are bound to, so that the proxy refuses to connect to
 * itself: a request whose destination is the proxy (an origin-form request to it, a URL or
 * CONNECT naming it, in any spelling) would otherwise loop through it until descriptors run out.
 *
 * <p>A destination is the proxy when its port is a listener's port and its address reaches that
 * listener: the bound address itself; any loopback address ({@code 127.0.0.1}, {@code ::1},
 * {@code localhost}) or the wildcard ({@code 0.0.0.0}, {@code ::}, which Linux connects to
 * locally) when the listener is bound to a loopback or wildcard address; and any address of a
 * local interface when it is bound to the wildcard. Thread-safe; listeners add their address
 * once bound, and every connection reads.
 */
public final class OwnAddresses {
    private final List<InetSocketAddress> bound = new CopyOnWriteArrayList<>();

    /** Records a bound listener address. */
    public void add(InetSocketAddress address) {
        bound.add(address);
    }

    /** {@return whether connecting to {@code target} (resolved) reaches one of the listeners} */
    public boolean contains(InetSocketAddress target) {
        InetAddress ip = target.getAddress();
        if (ip == null) {
            return false;
        }
        for (InetSocketAddress listener : bound) {
            if (listener.getPort() == target.getPort() && reaches(ip, listener.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private static boolean reaches(InetAddress ip, InetAddress listen) {
        if (ip.equals(listen)) {
            return true;
        }
        boolean local = ip.isLoopbackAddress() || ip.isAnyLocalAddress();
        if (listen.isAnyLocalAddress()) {
            return local || isInterfaceAddress(ip);
        }
        return local && listen.isLoopbackAddress();
    }

    private static boolean isInterfaceAddress(InetAddress ip) {
        try {
            return NetworkInterface.getByInetAddress(ip) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
