package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CertificateAuthority;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key log (ssl_keylog_file, as SSLKEYLOGFILE) holds the secrets of both legs, and, where
 * tshark is installed, decrypts a loopback capture of both: the same request is read in clear on
 * the client's leg and on the server's.
 */
class KeyLogTest {
    @TempDir
    Path dir;

    @Test
    void keyLogDecryptsACaptureOfBothLegs() throws Exception {
        Path keys = dir.resolve("keys.log");
        try (HttpsUpstream upstream = new HttpsUpstream(dir);
                ProxyServer proxy = Proxies.start(Proxies.options(dir.resolve("confdir"),
                        "mode", "reverse:https://localhost:" + upstream.port(),
                        "ssl_verify_upstream_trusted_ca", upstream.caPem().toString(),
                        "ssl_keylog_file", keys.toString()))) {
            Path ca = CertificateAuthority.load(dir.resolve("confdir")).confdir()
                    .resolve("mitmproxy-ca-cert.pem");
            Path pcap = dir.resolve("both-legs.pcap");
            Process tshark = Tshark.available()
                    ? Tshark.capture(pcap, proxy.port(), upstream.port()) : null;
            upstream.server.enqueue(new MockResponse.Builder().body("decrypted").build());
            String out = Commands.run("", "curl", "-sS", "--max-time", "20", "--cacert",
                    ca.toString(), "https://localhost:" + proxy.port() + "/keylog-probe");
            assertEquals("decrypted", out);
            assertBothLegsLogged(keys);
            if (tshark != null) {
                Tshark.stop(tshark);
                List<String> uris = Tshark.requestUris(pcap, keys, proxy.port(), upstream.port());
                assertEquals(Set.of(proxy.port() + " /keylog-probe",
                        upstream.port() + " /keylog-probe"), Set.copyOf(uris), uris.toString());
            }
        }
    }

    /** Two handshakes (client leg, server leg): two client randoms with TLS 1.3 secrets. */
    private static void assertBothLegsLogged(Path keys) throws Exception {
        List<String> lines = Files.readAllLines(keys);
        Set<String> randoms = lines.stream().filter(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 "))
                .map(l -> l.split(" ")[1]).collect(Collectors.toSet());
        assertEquals(2, randoms.size(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("SERVER_HANDSHAKE_TRAFFIC_SECRET ")));
    }

    /** tshark as a capture and decryption tool. */
    static final class Tshark {
        private Tshark() {}

        /** {@return whether a tshark executable is on the PATH (CI installs it)} */
        static boolean available() {
            String path = System.getenv("PATH");
            return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, "tshark")));
        }

        /** Starts capturing both ports on lo; returns once tshark reports the capture running. */
        static Process capture(Path pcap, int port1, int port2) throws Exception {
            Process p = new ProcessBuilder("tshark", "-i", "lo", "-f",
                    "tcp port " + port1 + " or tcp port " + port2, "-w", pcap.toString())
                    .redirectErrorStream(true).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.contains("Capture started") || line.startsWith("Capturing on")) {
                    Thread.ofVirtual().start(() -> r.lines().forEach(l -> { }));
                    return p;
                }
            }
            throw new AssertionError("tshark did not start capturing");
        }

        static void stop(Process p) throws Exception {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark did not stop");
            }
        }

        /** {@return "port uri" of every HTTP request tshark reads, decrypted with the key log} */
        static List<String> requestUris(Path pcap, Path keys, int port1, int port2)
                throws Exception {
            String out = Commands.run("", "tshark", "-r", pcap.toString(),
                    "-o", "tls.keylog_file:" + keys,
                    "-d", "tcp.port==" + port1 + ",tls", "-d", "tcp.port==" + port2 + ",tls",
                    "-d", "tls.port==" + port1 + ",http", "-d", "tls.port==" + port2 + ",http",
                    "-Y", "http.request", "-T", "fields", "-e", "tcp.dstport",
                    "-e", "http.request.uri");
            return out.lines().filter(l -> l.matches("\\d+\\t.*"))
                    .map(l -> l.replace('\t', ' ')).toList();
        }
    }
}
