package dev.mitm4j.core.internal.socks5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class Socks5HandshakeTest {
    private static final Socks5Handshake.Authorizer ALICE =
            (user, pass) -> user.equals("alice") && pass.equals("s3cret");

    @Test void noAuthConnectWithDomainLeavesTheRestOfTheStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayInputStream in = bytes(0x05, 0x01, 0x00,
                0x05, 0x01, 0x00, 0x03, 11, 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm',
                0x01, 0xbb, 'G', 'E', 'T');
        Socks5Codec.Request request = Socks5Handshake.negotiate(in, out, null);
        assertEquals(new Socks5Codec.Request(1, "example.com", 443), request);
        assertArrayEquals(raw(0x05, 0x00), out.toByteArray());
        assertArrayEquals("GET".getBytes(), in.readAllBytes());
    }

    @Test void ipv4AndIpv6Destinations() throws IOException {
        assertEquals(new Socks5Codec.Request(1, "127.0.0.1", 80), Socks5Handshake.negotiate(
                bytes(5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 80), new ByteArrayOutputStream(), null));
        ByteArrayInputStream v6 = bytes(5, 1, 0, 5, 1, 0, 4,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1f, 0x90);
        assertEquals(new Socks5Codec.Request(1, "0:0:0:0:0:0:0:1", 8080),
                Socks5Handshake.negotiate(v6, new ByteArrayOutputStream(), null));
    }

    @Test void usernamePasswordAccepted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayInputStream in = bytes(5, 2, 0, 2, 1, 5, 'a', 'l', 'i', 'c', 'e',
                6, 's', '3', 'c', 'r', 'e', 't', 5, 1, 0, 1, 10, 0, 0, 1, 0, 80);
        assertEquals(new Socks5Codec.Request(1, "10.0.0.1", 80),
                Socks5Handshake.negotiate(in, out, ALICE));
        assertArrayEquals(raw(5, 2, 1, 0), out.toByteArray());
    }

    @Test void wrongPasswordGetsStatusOneAndNoRequestIsRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayInputStream in = bytes(5, 1, 2, 1, 5, 'a', 'l', 'i', 'c', 'e', 1, 'x');
        Socks5Exception e = assertThrowsSocks(() -> Socks5Handshake.negotiate(in, out, ALICE));
        assertEquals(Socks5Reply.NOT_ALLOWED, e.reply());
        assertArrayEquals(raw(5, 2, 1, 1), out.toByteArray());
        assertEquals(false, e.getMessage().contains("x\""));
    }

    @Test void noAcceptableMethod() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrowsSocks(() -> Socks5Handshake.negotiate(bytes(5, 1, 0), out, ALICE));
        assertArrayEquals(raw(5, 0xff), out.toByteArray());
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        assertThrowsSocks(() -> Socks5Handshake.negotiate(bytes(5, 1, 2), out2, null));
        assertArrayEquals(raw(5, 0xff), out2.toByteArray());
    }

    @Test void bindAndUdpAssociateAreNotSupported() {
        for (int command : new int[] {2, 3}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Socks5Exception e = assertThrowsSocks(() -> Socks5Handshake.negotiate(
                    bytes(5, 1, 0, 5, command, 0, 1, 127, 0, 0, 1, 0, 80), out, null));
            assertEquals(Socks5Reply.COMMAND_NOT_SUPPORTED, e.reply());
            assertArrayEquals(raw(5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0), out.toByteArray());
        }
    }

    @Test void unknownAddressTypeGetsReply8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Socks5Exception e = assertThrowsSocks(() -> Socks5Handshake.negotiate(
                bytes(5, 1, 0, 5, 1, 0, 9, 1, 2), out, null));
        assertEquals(Socks5Reply.ADDRESS_TYPE_NOT_SUPPORTED, e.reply());
        assertArrayEquals(raw(5, 0, 5, 8, 0, 1, 0, 0, 0, 0, 0, 0), out.toByteArray());
    }

    @Test void notSocks5AndTruncatedInput() {
        assertThrowsSocks(() -> Socks5Handshake.negotiate(bytes('G', 'E', 'T'),
                new ByteArrayOutputStream(), null));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.EOFException.class,
                () -> Socks5Handshake.negotiate(bytes(5, 3, 0), new ByteArrayOutputStream(), null));
    }

    @Test void connectFailuresMapToReplyCodes() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        IOException refused = assertInstanceOf(ConnectException.class,
                connectFailure(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort)));
        assertEquals(Socks5Reply.CONNECTION_REFUSED, Socks5Handshake.replyFor(refused));
        assertEquals(Socks5Reply.HOST_UNREACHABLE,
                Socks5Handshake.replyFor(new UnknownHostException("nowhere.invalid")));
        assertEquals(Socks5Reply.GENERAL_FAILURE, Socks5Handshake.replyFor(new IOException()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Socks5Handshake.failed(out, refused);
        assertArrayEquals(raw(5, 5, 0, 1, 0, 0, 0, 0, 0, 0), out.toByteArray());
        out.reset();
        Socks5Handshake.succeeded(out, new InetSocketAddress(InetAddress.getByName("::1"), 258));
        assertArrayEquals(raw(5, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2),
                out.toByteArray());
    }

    private static IOException connectFailure(InetSocketAddress address) {
        return org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(address, 5_000);
            }
        });
    }

    private interface Handshake {
        void run() throws IOException;
    }

    private static Socks5Exception assertThrowsSocks(Handshake handshake) {
        return org.junit.jupiter.api.Assertions.assertThrows(Socks5Exception.class,
                handshake::run);
    }

    private static ByteArrayInputStream bytes(int... values) {
        return new ByteArrayInputStream(raw(values));
    }

    private static byte[] raw(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
