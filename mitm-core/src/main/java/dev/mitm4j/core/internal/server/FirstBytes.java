package dev.mitm4j.core.internal.server;

import dev.mitm4j.core.spi.Context;
import dev.mitm4j.core.spi.UpstreamConnection;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import okio.BufferedSource;

/**
 * Waits for a tunnel's first bytes, from whichever side sends first, as mitmproxy's next layer
 * decision does: most protocols start with the client (TLS, HTTP), but some with a server
 * greeting (SMTP, FTP, IMAP), and a tunnel to such a server must not wait for the client forever.
 *
 * <p>When the server is already connected (after a CONNECT) and the client's stream is the plain
 * socket, the client is read with a short socket timeout and, between reads, the server's
 * socket is asked whether it has bytes; nothing is consumed on either side. Client bytes end
 * the wait at once; the timeout only bounds how late a server greeting is noticed, so it grows
 * from {@value #FIRST_POLL_MILLIS} to {@value #LAST_POLL_MILLIS} ms while the tunnel stays
 * silent, and an idle tunnel costs a few wake-ups a second instead of a hundred. When the client's
 * stream is not the socket's (inside intercepted TLS), or no server is open, only the client is
 * waited for. Runs on the connection's thread.
 */
final class FirstBytes {
    /** How long the first wait for the client lasts before the server is looked at again. */
    private static final int FIRST_POLL_MILLIS = 10;
    /** The longest such wait, reached by doubling. */
    private static final int LAST_POLL_MILLIS = 320;

    /** Who sent first. */
    enum Side { CLIENT, SERVER, CLOSED }

    private FirstBytes() {}

    /** {@return who sent first in {@code top}}; blocks until one side sent or the client closed */
    static Side await(RealRootContext root, Context top) throws IOException {
        BufferedSource client = top.clientSource();
        UpstreamConnection server = top.get(Context.UPSTREAM);
        if (!client.getBuffer().exhausted()) {
            return Side.CLIENT;
        }
        if (server == null || client != root.clientSource()) {
            return client.request(1) ? Side.CLIENT : Side.CLOSED;
        }
        Socket socket = root.connection().socket();
        int timeout = socket.getSoTimeout();
        try {
            for (int wait = FIRST_POLL_MILLIS; ; wait = Math.min(wait * 2, LAST_POLL_MILLIS)) {
                socket.setSoTimeout(wait);
                try {
                    return client.request(1) ? Side.CLIENT : Side.CLOSED;
                } catch (SocketTimeoutException e) {
                    if (server.available() > 0) {
                        return Side.SERVER;
                    }
                }
            }
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(timeout);
            }
        }
    }
}
