package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import dev.mitm4j.tls.KeyAlgorithm;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Not a test: handshakes per second and bulk throughput of the engine (both sides ours) next to
 * the JDK's SSLSocket on the same machine, over loopback. Speed targets live in benchmarks.
 */
public final class EngineTiming {
    private EngineTiming() {}

    public static void main(String[] args) throws Exception {
        // args: [handshakes [MiB [leaf key algorithm: EC (default) or RSA]]]
        CertificateAuthority ca = CertificateAuthority.builder()
                .confdir(Files.createTempDirectory("timing"))
                .leafKeyAlgorithm(KeyAlgorithm.valueOf(args.length > 2 ? args[2] : "EC")).build();
        CertifiedKey leaf = ca.leaf(CertificateSpec.of("localhost"));
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        for (int round = 0; round < 2; round++) { // the first round warms up
            System.out.printf("engine: %.0f handshakes/s, %.0f MiB/s%n",
                    ours(ca, leaf, handshakes, 0), mib / ours(ca, leaf, 1, mib) * 1.0);
            System.out.printf("jdk:    %.0f handshakes/s, %.0f MiB/s%n",
                    jdk(ca, leaf, handshakes, 0), mib / jdk(ca, leaf, 1, mib) * 1.0);
        }
    }

    /** {@return handshakes per second when mib is 0, else seconds for the transfer} */
    static double ours(CertificateAuthority ca, CertifiedKey leaf, int n,
            int mib) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TlsServerConfig sc = TlsServerConfig.builder().certificate(leaf).build();
            Thread t = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < n; i++) {
                    try (Socket s = server.accept()) {
                        s.setTcpNoDelay(true); // as the proxy does: no Nagle stalls in handshakes
                        TlsConnection tls = TlsEngines.serverSide(s, sc);
                        sink(tls.input(), tls.output());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            TlsClientConfig cc = TlsClientConfig.builder("localhost").trust(ca.trustManager())
                    .build();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(),
                        server.getLocalPort())) {
                    s.setTcpNoDelay(true);
                    TlsConnection tls = TlsEngines.clientSide(s, cc);
                    source(tls.input(), tls.output(), mib);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            t.join();
            return mib == 0 ? n / seconds : seconds;
        }
    }

    static double jdk(CertificateAuthority ca, CertifiedKey leaf, int n, int mib) throws Exception {
        try (SSLServerSocket server = ClientSideTest.jdkServer(leaf, false)) {
            Thread t = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < n; i++) {
                    try (Socket s = server.accept()) {
                        sink(s.getInputStream(), s.getOutputStream());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            SSLContext ctx = ca.sslContext();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(
                        InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    source(s.getInputStream(), s.getOutputStream(), mib);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            t.join();
            return mib == 0 ? n / seconds : seconds;
        }
    }

    /** Client: sends mib MiB then one byte 0 as the end, waits for the server's one-byte ack. */
    static void source(InputStream in, OutputStream out, int mib) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        chunk[0] = 1;
        for (int i = 0; i < mib * 16; i++) {
            out.write(chunk);
        }
        out.write(0);
        out.flush();
        in.read();
    }

    /** Server: reads chunks until a lone 0 byte at a chunk boundary, then acks. */
    static void sink(InputStream in, OutputStream out) throws Exception {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            total += n;
            if (total % (64 * 1024) == 1 && buf[n - 1] == 0) {
                break;
            }
        }
        out.write(2);
        out.flush();
    }
}
