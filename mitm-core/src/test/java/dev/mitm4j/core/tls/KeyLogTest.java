package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.tls.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key log (ssl_keylog_file, as SSLKEYLOGFILE) holds the secrets of both legs, TLS 1.3 and
 * TLS 1.2, and, where tshark and dumpcap are installed, decrypts a loopback capture of both: each
 * request and its response are read in clear on the client's leg and on the server's. The test
 * has its own key log file and a capture filtered on its own ports.
 */
class KeyLogTest {
    @TempDir
    Path dir;

    @Test
    void keyLogDecryptsACaptureOfBothLegsInTls13AndTls12() throws Exception {
        Path keys = dir.resolve("keys.log");
        try (HttpsUpstream upstream = new HttpsUpstream(dir);
                ProxyServer tls13 = proxy(upstream, keys, "TLS1_3");
                ProxyServer tls12 = proxy(upstream, keys, "TLS1_2")) {
            Path ca = CertificateAuthority.load(dir.resolve("confdir")).confdir()
                    .resolve("mitmproxy-ca-cert.pem");
            upstream.server.enqueue(new MockResponse.Builder().body("clear-1.3").build());
            upstream.server.enqueue(new MockResponse.Builder().body("clear-1.2").build());
            if (!LoopbackCapture.available()) {
                assertEquals("clear-1.3", curl(ca, tls13.port(), "/tls13"));
                assertEquals("clear-1.2", curl(ca, tls12.port(), "/tls12"));
                assertBothLegsLogged(keys);
                return;
            }
            int[] ports = {tls13.port(), tls12.port(), upstream.port()};
            try (LoopbackCapture capture = LoopbackCapture.start(dir.resolve("legs.pcap"),
                    ports)) {
                assertEquals("clear-1.3", curl(ca, tls13.port(), "/tls13"));
                assertEquals("clear-1.2", curl(ca, tls12.port(), "/tls12"));
                Path pcap = capture.finish();
                assertBothLegsLogged(keys);
                Set<String> wanted = Set.of(
                        "request to " + tls13.port() + " /tls13",
                        "request to " + upstream.port() + " /tls13",
                        "response from " + tls13.port() + " 200 clear-1.3",
                        "response from " + upstream.port() + " 200 clear-1.3",
                        "request to " + tls12.port() + " /tls12",
                        "request to " + upstream.port() + " /tls12",
                        "response from " + tls12.port() + " 200 clear-1.2",
                        "response from " + upstream.port() + " 200 clear-1.2");
                assertEquals(wanted, Set.copyOf(decryptedHttp(pcap, keys, ports)),
                        "dumpcap: " + capture.diagnostics());
            }
        }
    }

    /** {@return a reverse proxy to {@code upstream}, TLS at most {@code version} on both legs} */
    private ProxyServer proxy(HttpsUpstream upstream, Path keys, String version) {
        return Proxies.start(Proxies.options(dir.resolve("confdir"),
                "mode", "reverse:https://localhost:" + upstream.port(),
                "ssl_verify_upstream_trusted_ca", upstream.caPem().toString(),
                "tls_version_client_max", version, "tls_version_server_max", version,
                "ssl_keylog_file", keys.toString()));
    }

    private static String curl(Path ca, int port, String path) throws Exception {
        return Commands.run("", "curl", "-sS", "--max-time", "20", "--cacert", ca.toString(),
                "https://localhost:" + port + path);
    }

    /** Two TLS 1.3 handshakes (client leg, server leg), then two TLS 1.2 ones. */
    private static void assertBothLegsLogged(Path keys) throws Exception {
        List<String> lines = Files.readAllLines(keys);
        String all = String.join("\n", lines);
        assertEquals(2, randoms(lines, "CLIENT_HANDSHAKE_TRAFFIC_SECRET").size(), all);
        assertEquals(2, randoms(lines, "SERVER_HANDSHAKE_TRAFFIC_SECRET").size(), all);
        assertEquals(2, randoms(lines, "CLIENT_TRAFFIC_SECRET_0").size(), all);
        assertEquals(2, randoms(lines, "SERVER_TRAFFIC_SECRET_0").size(), all);
        assertEquals(2, randoms(lines, "CLIENT_RANDOM").size(), all);
    }

    private static Set<String> randoms(List<String> lines, String label) {
        return lines.stream().filter(l -> l.startsWith(label + " "))
                .map(l -> l.split(" ")[1]).collect(Collectors.toSet());
    }

    /**
     * {@return every HTTP message tshark reads in {@code pcap} decrypted with {@code keys}, as
     * "request to PORT URI" or "response from PORT CODE BODY"}
     */
    private static List<String> decryptedHttp(Path pcap, Path keys, int... ports)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tshark", "-n",
                "-r", pcap.toString(), "-o", "tls.keylog_file:" + keys));
        for (int port : ports) {
            command.addAll(List.of("-d", "tcp.port==" + port + ",tls",
                    "-d", "tls.port==" + port + ",http"));
        }
        command.addAll(List.of("-Y", "http", "-T", "fields", "-E", "separator=|",
                "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "http.request.uri",
                "-e", "http.response.code", "-e", "http.file_data"));
        String out = Commands.run("", command.toArray(String[]::new));
        return out.lines().filter(l -> l.matches("\\d+\\|\\d+\\|.*")).map(KeyLogTest::message)
                .toList();
    }

    private static String message(String fields) {
        String[] f = fields.split("\\|", -1);
        if (!f[2].isEmpty()) {
            return "request to " + f[1] + " " + f[2];
        }
        return "response from " + f[0] + " " + f[3] + " " + text(f[4]);
    }

    /** tshark prints http.file_data as text or, in newer versions, as hex bytes. */
    private static String text(String data) {
        if (data.matches("([0-9a-f]{2})+")) {
            return new String(HexFormat.of().parseHex(data), StandardCharsets.UTF_8);
        }
        return data;
    }
}
