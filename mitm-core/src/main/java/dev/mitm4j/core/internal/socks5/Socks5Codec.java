package dev.mitm4j.core.internal.socks5;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of the SOCKS5 wire format. Every read takes exactly the bytes of one message
 * from the stream (never more), so that whatever the client sends after the handshake stays in
 * the stream for the next layer. Stateless; the caller orders the calls.
 */
public final class Socks5Codec {
    /** Protocol version byte of RFC 1928. */
    public static final int VERSION = 0x05;
    /** Method: no authentication required. */
    public static final int NO_AUTH = 0x00;
    /** Method: username/password (RFC 1929). */
    public static final int USER_PASS = 0x02;
    /** Method reply: no acceptable methods. */
    public static final int NO_ACCEPTABLE_METHODS = 0xFF;
    /** Version byte of the RFC 1929 sub-negotiation. */
    public static final int USER_PASS_VERSION = 0x01;
    /** Command: CONNECT. */
    public static final int CMD_CONNECT = 0x01;
    static final int ATYP_IPV4 = 0x01;
    static final int ATYP_DOMAIN = 0x03;
    static final int ATYP_IPV6 = 0x04;

    private Socks5Codec() {}

    /** A CONNECT-style request: the command byte and the destination, unresolved. */
    public record Request(int command, String host, int port) {}

    /** RFC 1929 credentials. */
    public record UserPass(String username, String password) {
        @Override public String toString() {
            return "UserPass[" + username + ", (hidden)]";
        }
    }

    /** {@return the methods the client offers}; reads VER NMETHODS METHODS */
    public static List<Integer> readGreeting(InputStream in) throws IOException {
        int version = readByte(in);
        if (version != VERSION) {
            throw new Socks5Exception(Socks5Reply.GENERAL_FAILURE,
                    "not SOCKS5: version byte 0x" + Integer.toHexString(version));
        }
        byte[] methods = readExactly(in, readByte(in));
        List<Integer> offered = new ArrayList<>(methods.length);
        for (byte method : methods) {
            offered.add(method & 0xff);
        }
        return offered;
    }

    /** Writes the server's method choice (VER METHOD). */
    public static void writeMethod(OutputStream out, int method) throws IOException {
        out.write(new byte[] {VERSION, (byte) method});
        out.flush();
    }

    /** {@return the RFC 1929 credentials}; reads VER ULEN UNAME PLEN PASSWD */
    public static UserPass readUserPass(InputStream in) throws IOException {
        int version = readByte(in);
        if (version != USER_PASS_VERSION) {
            throw new Socks5Exception(Socks5Reply.GENERAL_FAILURE,
                    "bad username/password version 0x" + Integer.toHexString(version));
        }
        String user = new String(readExactly(in, readByte(in)), StandardCharsets.UTF_8);
        String pass = new String(readExactly(in, readByte(in)), StandardCharsets.UTF_8);
        return new UserPass(user, pass);
    }

    /** Writes the RFC 1929 status (VER STATUS): 0 for success, 1 for failure. */
    public static void writeUserPassStatus(OutputStream out, boolean success) throws IOException {
        out.write(new byte[] {USER_PASS_VERSION, (byte) (success ? 0 : 1)});
        out.flush();
    }

    /**
     * {@return the request}; reads VER CMD RSV ATYP DST.ADDR DST.PORT
     *
     * @throws Socks5Exception with {@link Socks5Reply#ADDRESS_TYPE_NOT_SUPPORTED} for an unknown
     *     ATYP (the rest of the request cannot be read then)
     */
    public static Request readRequest(InputStream in) throws IOException {
        byte[] head = readExactly(in, 4);
        if (head[0] != VERSION) {
            throw new Socks5Exception(Socks5Reply.GENERAL_FAILURE,
                    "not SOCKS5: request version byte 0x" + Integer.toHexString(head[0] & 0xff));
        }
        String host = switch (head[3]) {
            case ATYP_IPV4 -> InetAddress.getByAddress(readExactly(in, 4)).getHostAddress();
            case ATYP_IPV6 -> InetAddress.getByAddress(readExactly(in, 16)).getHostAddress();
            case ATYP_DOMAIN -> new String(readExactly(in, readByte(in)),
                    StandardCharsets.US_ASCII);
            default -> throw new Socks5Exception(Socks5Reply.ADDRESS_TYPE_NOT_SUPPORTED,
                    "address type 0x" + Integer.toHexString(head[3] & 0xff) + " not supported");
        };
        byte[] port = readExactly(in, 2);
        return new Request(head[1] & 0xff, host, (port[0] & 0xff) << 8 | (port[1] & 0xff));
    }

    /**
     * Writes a reply (VER REP RSV ATYP BND.ADDR BND.PORT); {@code bound} null sends 0.0.0.0:0,
     * which clients ignore for CONNECT.
     */
    public static void writeReply(OutputStream out, Socks5Reply reply,
            @org.jspecify.annotations.Nullable InetSocketAddress bound) throws IOException {
        InetAddress address = bound == null || bound.getAddress() == null
                ? InetAddress.getByAddress(new byte[4]) : bound.getAddress();
        byte[] raw = address.getAddress();
        int atyp = address instanceof Inet6Address ? ATYP_IPV6 : ATYP_IPV4;
        int port = bound == null ? 0 : bound.getPort();
        byte[] message = new byte[6 + raw.length];
        message[0] = VERSION;
        message[1] = (byte) reply.code();
        message[3] = (byte) atyp;
        System.arraycopy(raw, 0, message, 4, raw.length);
        message[4 + raw.length] = (byte) (port >>> 8);
        message[5 + raw.length] = (byte) port;
        out.write(message);
        out.flush();
        assert address instanceof Inet4Address || address instanceof Inet6Address;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("SOCKS5 client closed the connection during the handshake");
        }
        return b;
    }

    /**
     * Reads exactly {@code length} bytes. Not {@code InputStream.readNBytes}: that asks for zero
     * more bytes once it has all of them, and okio's stream blocks on a zero-length read while
     * its buffer is empty.
     */
    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int done = 0; done < length; ) {
            int n = in.read(bytes, done, length - done);
            if (n < 0) {
                throw new EOFException("SOCKS5 client closed the connection during the handshake");
            }
            done += n;
        }
        return bytes;
    }
}
