package dev.mitm4j.tls.internal.engine;

import static dev.mitm4j.tls.internal.engine.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key log is right when it holds exactly the lines OpenSSL writes for the same connection
 * (openssl's -keylogfile): then Wireshark decrypts our legs as it decrypts OpenSSL's.
 */
class KeyLogTest {
    static final Set<String> TLS13_LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
            "EXPORTER_SECRET");

    @TempDir static Path dir;
    static CertificateAuthority ca;
    static CertifiedKey leaf;

    @BeforeAll
    static void ca() {
        ca = CertificateAuthority.load(dir.resolve("conf"));
        leaf = ca.leaf(CertificateSpec.of("localhost"));
    }

    @Test
    void serverSideLogsWhatOpensslSClientLogs() throws Exception {
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Path ours = dir.resolve("server" + version + ".keys");
            Path theirs = dir.resolve("s_client" + version + ".keys");
            try (Loopback lo = new Loopback()) {
                var served = lo.acceptOnce(s -> {
                    TlsConnection tls = TlsEngines.serverSide(s, TlsServerConfig.builder()
                            .certificate(leaf).keyLog(KeyLog.toFile(ours)).build());
                    tls.close();
                    return tls;
                });
                Openssl.run("", "s_client", "-connect", "127.0.0.1:" + lo.port(),
                        "-servername", "localhost", "-keylogfile", theirs.toString(), version);
                await(served);
            }
            assertSameSecrets(theirs, ours, version.equals("-tls1_3"));
        }
    }

    @Test
    void clientSideLogsWhatOpensslSServerLogs() throws Exception {
        for (TlsVersion v : List.of(TlsVersion.TLS1_3, TlsVersion.TLS1_2)) {
            Path ours = dir.resolve("client" + v + ".keys");
            Path theirs = dir.resolve("s_server" + v + ".keys");
            try (var server = Openssl.server(dir, ClientSideTest.concat(
                    ClientSideTest.opensslServerArgs(dir, leaf), "-keylogfile",
                            theirs.toString()))) {
                try (Socket s = new Socket("127.0.0.1", server.port)) {
                    TlsConnection tls = TlsEngines.clientSide(s,
                            TlsClientConfig.builder("localhost")
                            .trust(ca.trustManager()).versions(v, v).keyLog(KeyLog.toFile(ours))
                            .build());
                    assertTrue(ClientSideTest.get(tls).startsWith("HTTP/1.0 200 ok"));
                }
            }
            waitForLines(theirs, v == TlsVersion.TLS1_3 ? 5 : 1);
            assertSameSecrets(theirs, ours, v == TlsVersion.TLS1_3);
        }
    }

    @Test
    void theKeyLogFileIsOwnerOnlyAndAppendedTo() throws Exception {
        Path file = dir.resolve("sub/append.keys");
        KeyLog log = KeyLog.toFile(file);
        log.append(new byte[] {1, 2}, new String[] {"CLIENT_RANDOM"}, new byte[][] {{3}});
        log.append(new byte[] {4}, new String[] {"A", "B"}, new byte[][] {{5}, null});
        assertEquals(List.of("CLIENT_RANDOM 0102 03", "A 04 05"), Files.readAllLines(file));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theEnvironmentNamesTheFileAsMitmproxyReadsIt() {
        assertEquals(Path.of("/a"), KeyLog.fromEnvironment(Map.of(
                "MITMPROXY_SSLKEYLOGFILE", "/a", "SSLKEYLOGFILE", "/b")).file());
        assertEquals(Path.of("/b"), KeyLog.fromEnvironment(Map.of("SSLKEYLOGFILE", "/b")).file());
        assertNull(KeyLog.fromEnvironment(Map.of("SSLKEYLOGFILE", " ")));
        assertNull(KeyLog.fromEnvironment(Map.of()));
    }

    private static void assertSameSecrets(Path theirs, Path ours, boolean tls13) throws Exception {
        Set<String> actual = lines(ours);
        assertEquals(lines(theirs), actual, tls13 ? "TLS 1.3" : "TLS 1.2");
        Set<String> labels = actual.stream().map(l -> l.split(" ")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(tls13 ? TLS13_LABELS : Set.of("CLIENT_RANDOM")), labels);
    }

    private static Set<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** openssl s_server writes its log when it processes the handshake; wait for it to land. */
    private static void waitForLines(Path file, int count) throws Exception {
        for (int i = 0; i < 100 && (!Files.exists(file) || lines(file).size() < count); i++) {
            Thread.sleep(50);
        }
    }
}
