package dev.mitm4j.http.internal.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * python3-websockets (Debian's, with permessage-deflate on) as the peer: its client against
 * {@link EchoServer}, and {@link CodecClient} against its echo server, with fragmented, large and
 * compressed messages and each side's deflate parameters chosen differently.
 */
class PythonWebSocketsTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long TIMEOUT = 120;

    @BeforeAll
    static void pythonWebsocketsIsInstalled() throws Exception {
        boolean present = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(),
                "-c", "import websockets").start().waitFor() == 0;
        assertTrue(present, "python3-websockets is missing: .ci/run installs it "
                + "(apt-get install python3-websockets)");
    }

    @Test
    void thePythonClientWithPermessageDeflateTalksToTheCodecEchoServer() throws Exception {
        try (EchoServer server = new EchoServer(WebSocketLimits.defaults(), true)) {
            List<String> out = runClient(server.port(), "client_max_window_bits");
            assertTrue(out.contains("subprotocol chat"), out::toString);
            assertEquals(Optional.of(DeflateParameters.DEFAULT), server.agreed());
            List<String> events = server.events();
            assertTrue(events.containsAll(List.of("text 5b", "binary 1048576b",
                    "binary 300000b", "text 8000000b", "binary 0b", "text 0b", "text 14b",
                    "binary 140000b", "text 2000b", "close 4000 done ✓")), events::toString);
        }
    }

    @Test
    void aPythonClientDemandingASmallServerWindowGetsWhatItAskedFor() throws Exception {
        try (EchoServer server = new EchoServer(WebSocketLimits.defaults(), true)) {
            runClient(server.port(), "server_max_window_bits=9", "client_no_context_takeover",
                    "client_max_window_bits=10");
            assertEquals(Optional.of(new DeflateParameters(false, true, 9, 15)), server.agreed());
            assertTrue(server.events().contains("close 4000 done ✓"), server.events()::toString);
        }
    }

    @Test
    void aPythonClientAskingForNoServerContextTakeoverGetsIt() throws Exception {
        try (EchoServer server = new EchoServer(WebSocketLimits.defaults(), true)) {
            runClient(server.port(), "server_no_context_takeover");
            assertEquals(Optional.of(new DeflateParameters(true, false, 15, 15)), server.agreed());
        }
    }

    @Test
    void theCodecAsAClientTalksToThePythonEchoServer() throws Exception {
        exchangeWithPythonServer(List.of(), DeflateParameters.DEFAULT);
    }

    @Test
    void theCodecAsAClientHonoursASmallWindowThePythonServerDemands() throws Exception {
        exchangeWithPythonServer(List.of("client_max_window_bits=9", "server_no_context_takeover"),
                new DeflateParameters(true, false, 15, 9));
    }

    private static void exchangeWithPythonServer(List<String> serverOptions,
            DeflateParameters expected) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script(),
                "echo-server"));
        command.addAll(serverOptions);
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String port = lines.readLine();
            assertTrue(port != null && port.matches("\\d+"), "python echo server: " + port);
            try (CodecClient client = new CodecClient(Integer.parseInt(port),
                    "permessage-deflate; client_max_window_bits", List.of(),
                    WebSocketLimits.defaults())) {
                assertEquals(Optional.of(expected), client.agreed);
                exchange(client);
            }
        } finally {
            python.getOutputStream().close();
            if (!python.waitFor(TIMEOUT, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
    }

    private static void exchange(CodecClient client) throws IOException {
        Random random = new Random(4);
        byte[] text = "the quick brown fox ".repeat(250_000).getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[300_000];
        random.nextBytes(noise);
        for (int round = 0; round < 2; round++) {
            client.writer.writeMessage(Opcodes.TEXT, "Hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("Hello", client.nextMessage().text());
            client.writer.writeMessage(Opcodes.TEXT, text);
            assertArrayEquals(text, client.nextMessage().payload());
            client.writer.writeMessage(Opcodes.BINARY, noise);
            assertArrayEquals(noise, client.nextMessage().payload());
        }
        byte[] unique = new byte[1500];
        random.nextBytes(unique);
        byte[] twice = java.util.Base64.getEncoder().encode(unique);
        for (int copy = 0; copy < 2; copy++) { // a second copy refers 2000 bytes back
            client.writer.writeMessage(Opcodes.TEXT, twice);
            assertArrayEquals(twice, client.nextMessage().payload());
        }
        byte[] streamed = new byte[4 * 1024 * 1024];
        random.nextBytes(streamed);
        MessageWriter.OutgoingMessage out = client.writer.beginMessage(Opcodes.BINARY);
        for (int at = 0; at < streamed.length; at += 64 * 1024) {
            out.write(streamed, at, 64 * 1024);
        }
        out.finish();
        assertArrayEquals(streamed, client.nextMessage().payload());
        client.writer.writePing("are you there".getBytes(StandardCharsets.UTF_8));
        Incoming.Pong pong = assertInstanceOf(Incoming.Pong.class, client.reader.next());
        assertEquals("are you there", new String(pong.payload(), StandardCharsets.UTF_8));
        client.writer.writeClose(CloseCodes.NORMAL, "bye ✓");
        assertEquals(new Incoming.Close(CloseCodes.NORMAL, "bye ✓"), client.reader.next());
    }

    private static List<String> runClient(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script(), "client",
                String.valueOf(port)));
        command.addAll(List.of(options));
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.add(line);
            }
        }
        assertTrue(python.waitFor(TIMEOUT, TimeUnit.SECONDS), "python client still running");
        assertEquals(0, python.exitValue(), () -> String.join("\n", out));
        assertEquals("ok", out.get(out.size() - 1), out::toString);
        return out;
    }

    private static String script() throws URISyntaxException {
        return Path.of(PythonWebSocketsTest.class.getResource("/websocket/ws_peer.py").toURI())
                .toString();
    }
}
