package dev.mitm4j.http.internal.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The JDK's own WebSocket client against {@link EchoServer}, over loopback. */
class JdkWebSocketClientTest {
    private static final long TIMEOUT = 60;

    @Test
    void textFragmentsBinaryPingAndCloseRoundTripWithTheJdkClient() throws Exception {
        try (EchoServer server = new EchoServer(WebSocketLimits.defaults(), false)) {
            RecordingListener listener = new RecordingListener();
            HttpClient client = HttpClient.newHttpClient();
            WebSocket ws = client.newWebSocketBuilder().subprotocols("chat", "superchat")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), listener)
                    .get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("chat", ws.getSubprotocol());

            ws.sendText("Hello", true).get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("text Hello", listener.next());
            ws.sendText("κό", false).get(TIMEOUT, TimeUnit.SECONDS);
            ws.sendText("σμε 🚀", true).get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("text κόσμε 🚀", listener.next());
            byte[] binary = new byte[100_000];
            new Random(1).nextBytes(binary);
            ws.sendBinary(ByteBuffer.wrap(binary), true).get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals(RecordingListener.binary(binary.length, crc(binary)), listener.next());
            ws.sendPing(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)))
                    .get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("pong hi", listener.next());
            ws.sendClose(4000, "done ✓").get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("close 4000 done ✓", listener.next());

            assertEquals(List.of("text 5b", "text 15b", "binary 100000b", "close 4000 done ✓"),
                    server.events());
        }
    }

    @Test
    void aSixtyFourMebibyteMessageIsEchoedChunkByChunkWithBoundedMemory() throws Exception {
        WebSocketLimits streaming = WebSocketLimits.builder().streamLargeMessages(1024 * 1024)
                .build();
        try (EchoServer server = new EchoServer(streaming, false)) {
            RecordingListener listener = new RecordingListener();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), listener)
                    .get(TIMEOUT, TimeUnit.SECONDS);
            CRC32 sent = new CRC32();
            byte[] part = new byte[1024 * 1024];
            Random random = new Random(64);
            for (int i = 0; i < 64; i++) {
                random.nextBytes(part);
                sent.update(part);
                ws.sendBinary(ByteBuffer.wrap(part), i == 63).get(TIMEOUT, TimeUnit.SECONDS);
            }
            assertEquals(RecordingListener.binary(64L * 1024 * 1024, sent.getValue()),
                    listener.next());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("close 1000 ", listener.next());
            assertEquals(List.of("streamed binary 67108864b", "close 1000 "), server.events());
            assertTrue(server.largestLaterChunk() <= MessageReader.CHUNK_SIZE,
                    "chunks after the first: " + server.largestLaterChunk());
        }
    }

    private static long crc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    /** Records whole messages as lines; binary messages by size and CRC, never held whole. */
    static final class RecordingListener implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final CRC32 crc = new CRC32();
        private long binarySize;

        static String binary(long size, long crc) {
            return "binary " + size + "b crc " + Long.toHexString(crc);
        }

        String next() throws InterruptedException {
            String item = received.poll(TIMEOUT, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("nothing received in " + TIMEOUT + " s");
            }
            return item;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add("text " + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            binarySize += data.remaining();
            crc.update(data);
            if (last) {
                received.add(binary(binarySize, crc.getValue()));
                binarySize = 0;
                crc.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            received.add("pong " + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            received.add("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            received.add("error " + error);
        }
    }
}
