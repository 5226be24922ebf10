package dev.mitm4j.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Captures real ClientHellos over loopback: a plain server socket reads what a TLS client sends
 * first (until {@link ClientHello#bytesNeeded} says the hello is complete), then hangs up.
 */
final class HelloCapture {
    private HelloCapture() {}

    /** {@return the first flight of the JDK's SSLSocket, sent with this SNI and ALPN} */
    static byte[] fromJdk(String sni, List<String> alpn) throws Exception {
        try (ServerSocket server = listen()) {
            Thread client = Thread.ofVirtual().start(() -> {
                try (SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    SSLParameters p = s.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(sni)));
                    p.setApplicationProtocols(alpn.toArray(String[]::new));
                    s.setSSLParameters(p);
                    s.startHandshake();
                } catch (Exception expected) {
                    // the capture hangs up after the hello
                }
            });
            byte[] hello = readHello(server);
            client.join(5000);
            return hello;
        }
    }

    /** {@return the first flight of {@code openssl s_client} with these arguments added} */
    static byte[] fromOpenssl(String... args) throws Exception {
        try (ServerSocket server = listen()) {
            List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_client",
                    "-connect", "127.0.0.1:" + server.getLocalPort()));
            cmd.addAll(Arrays.asList(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                return readHello(server);
            } finally {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] readHello(ServerSocket server) throws IOException {
        try (Socket s = server.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (ClientHello.bytesNeeded(got.toByteArray(), got.size()) > 0) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("client closed after " + got.size() + " bytes");
                }
                got.write(buf, 0, n);
            }
            return got.toByteArray();
        }
    }
}
