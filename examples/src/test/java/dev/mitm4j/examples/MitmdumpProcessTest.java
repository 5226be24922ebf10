package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.tls.CertificateAuthority;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mitmdump as its own JVM, as the ./mitmdump script runs it: output, SIGTERM, exit status. */
class MitmdumpProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening at [^ ]+:(\\d+)\\.$");

    @Test void servesPrintsAndExitsCleanlyOnSigterm() throws Exception {
        try (Backend backend = new Backend()) {
            Process process = mitmdump("-p", "0");
            try {
                BufferedReader err = reader(process.getErrorStream());
                int port = listeningPort(err);
                HttpClient client = HttpClient.newBuilder()
                        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port))).build();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(backend.url("/p"))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("hello", response.body());
                BufferedReader out = reader(process.getInputStream());
                assertTrue(out.readLine().matches("127\\.0\\.0\\.1:\\d+: GET "
                        + Pattern.quote(backend.url("/p"))));
                assertTrue(out.readLine().matches(" +<< 200 OK 5b"));
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(20, TimeUnit.SECONDS), "mitmdump did not stop");
                assertEquals(0, process.exitValue(), "SIGTERM ends mitmdump with status 0");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /**
     * A script that waits for the port and then reads the CA must find it complete: mitmdump
     * makes the CA in confdir before it binds. The port is polled from the moment the process
     * starts, and the files are read at the first accepted connection.
     */
    @Test void theCaFilesAreCompleteWhenThePortFirstAccepts(@TempDir Path dir) throws Exception {
        Path confdir = dir.resolve("confdir");
        int port = freePort();
        Process process = mitmdump("-p", String.valueOf(port), "--set", "confdir=" + confdir);
        try {
            awaitAccepting(process, port);
            X509Certificate ca;
            try (InputStream pem = Files.newInputStream(confdir.resolve("mitmproxy-ca-cert.pem"))) {
                ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(pem);
            }
            assertEquals("O=mitmproxy,CN=mitmproxy", ca.getSubjectX500Principal().getName());
            String caFile = Files.readString(confdir.resolve("mitmproxy-ca.pem"));
            assertTrue(caFile.contains("PRIVATE KEY-----") && caFile.contains(
                    "-----END CERTIFICATE-----"), "key and certificate: " + caFile.length());
            assertEquals(ca, CertificateAuthority.load(confdir).certificate(),
                    "mitmproxy-ca.pem holds the same CA");
        } finally {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Connects to {@code port} every 5 ms until it accepts (bounded: 60 s or process exit). */
    private static void awaitAccepting(Process process, int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (ConnectException notYet) {
                if (!process.isAlive()) {
                    throw new AssertionError("mitmdump exited: " + new String(
                            process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                }
                Thread.sleep(5);
            }
        }
        throw new AssertionError("port " + port + " never accepted");
    }

    @Test void badArgumentsExitWithStatus2() throws Exception {
        Process process = mitmdump("--listen-port", "http");
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue());
        assertTrue(err.contains("mitmdump: error: Invalid value \"http\" for option listen_port"),
                err);
    }

    private static Process mitmdump(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp",
                System.getProperty("java.class.path"), Mitmdump.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static int listeningPort(BufferedReader err) throws Exception {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("mitmdump ended without listening");
    }

    private static BufferedReader reader(java.io.InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
