package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
