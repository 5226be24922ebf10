package dev.mitm4j.core.internal.socks5;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server side of a SOCKS5 handshake, in the order of RFC 1928:
 * <ol>
 *   <li>{@link #negotiate}: greeting, method choice, RFC 1929 credentials when required, and the
 *       request; anything unsupported is answered with its reply code and thrown;
 *   <li>the caller connects to the destination;
 *   <li>{@link #succeeded} or {@link #failed} sends the final reply. After success the stream
 *       carries the client's protocol (HTTP, TLS, anything) for the next layer.
 * </ol>
 */
public final class Socks5Handshake {
    /** Decides RFC 1929 credentials (the {@code socks5Auth} event). */
    @FunctionalInterface
    public interface Authorizer {
        /** {@return whether the client may proceed with these credentials} */
        boolean authorize(String username, String password);
    }

    private Socks5Handshake() {}

    /**
     * Runs steps 1 of the handshake.
     *
     * @param authorizer null when no authentication is required (method 0x00); otherwise the
     *     client must offer username/password (0x02) and pass the check
     * @return the CONNECT destination
     * @throws Socks5Exception after telling the client why (no acceptable method, bad
     *     credentials, unsupported command or address type)
     */
    public static Socks5Codec.Request negotiate(InputStream in, OutputStream out,
            @Nullable Authorizer authorizer) throws IOException {
        List<Integer> methods = Socks5Codec.readGreeting(in);
        int wanted = authorizer == null ? Socks5Codec.NO_AUTH : Socks5Codec.USER_PASS;
        if (!methods.contains(wanted)) {
            Socks5Codec.writeMethod(out, Socks5Codec.NO_ACCEPTABLE_METHODS);
            throw new Socks5Exception(Socks5Reply.NOT_ALLOWED, authorizer == null
                    ? "SOCKS5 client offers no method without authentication"
                    : "SOCKS5 client does not offer username/password authentication");
        }
        Socks5Codec.writeMethod(out, wanted);
        if (authorizer != null) {
            Socks5Codec.UserPass credentials = Socks5Codec.readUserPass(in);
            boolean ok = authorizer.authorize(credentials.username(), credentials.password());
            Socks5Codec.writeUserPassStatus(out, ok);
            if (!ok) {
                throw new Socks5Exception(Socks5Reply.NOT_ALLOWED,
                        "SOCKS5 authentication failed for user " + credentials.username());
            }
        }
        return readConnect(in, out);
    }

    private static Socks5Codec.Request readConnect(InputStream in, OutputStream out)
            throws IOException {
        Socks5Codec.Request request;
        try {
            request = Socks5Codec.readRequest(in);
        } catch (Socks5Exception e) {
            Socks5Codec.writeReply(out, e.reply(), null);
            throw e;
        }
        if (request.command() != Socks5Codec.CMD_CONNECT) {
            Socks5Codec.writeReply(out, Socks5Reply.COMMAND_NOT_SUPPORTED, null);
            throw new Socks5Exception(Socks5Reply.COMMAND_NOT_SUPPORTED,
                    "SOCKS5 command 0x" + Integer.toHexString(request.command())
                            + " not supported (only CONNECT)");
        }
        return request;
    }

    /** Tells the client that the destination is connected. */
    public static void succeeded(OutputStream out, @Nullable InetSocketAddress bound)
            throws IOException {
        Socks5Codec.writeReply(out, Socks5Reply.SUCCEEDED, bound);
    }

    /** Tells the client why connecting to the destination failed. */
    public static void failed(OutputStream out, Throwable cause) throws IOException {
        Socks5Codec.writeReply(out, replyFor(cause), null);
    }

    /** {@return the reply code that describes a connect failure} */
    public static Socks5Reply replyFor(Throwable cause) {
        if (cause instanceof ConnectException) {
            return Socks5Reply.CONNECTION_REFUSED;
        }
        if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException) {
            return Socks5Reply.HOST_UNREACHABLE;
        }
        return Socks5Reply.GENERAL_FAILURE;
    }
}
