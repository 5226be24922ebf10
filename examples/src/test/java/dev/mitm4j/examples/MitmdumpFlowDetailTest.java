package dev.mitm4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --flow-detail 3} and {@code 4} show bodies as mitmdump does: decoded by their
 * Content-Encoding (gzip, deflate, br, zstd), line by line, not as a hex dump of the compressed
 * bytes. curl sends no Accept-Encoding and leaves bodies as they came, so what is printed is the
 * proxy's own decoding.
 */
class MitmdumpFlowDetailTest {
    private static final String TEXT = "line one\nline two é\n";
    private static final String SHOWN = "\n    line one\r\n    line two é";

    @TempDir Path dir;

    @Test void flowDetail3ShowsBodiesDecoded() throws Exception {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> encoded = Map.of(
                "gzip", gzip(text),
                "deflate", deflate(text),
                // made with Python's brotli and zstandard: the JDK encodes neither
                "br", HexFormat.of().parseHex("0b0a806c696e65206f6e650a6c696e652074776f20c3a90a03"),
                "zstd", HexFormat.of().parseHex(
                        "28b52ffd2015a900006c696e65206f6e650a6c696e652074776f20c3a90a"));
        try (EncodingServer server = new EncodingServer(encoded);
                Cli cli = Cli.start("-p", "0", "--flow-detail", "3")) {
            for (String coding : encoded.keySet()) {
                assertEquals(encoded.get(coding).length, curl(cli, server.url(coding)),
                        "the client gets the body as the server sent it");
            }
            String out = cli.awaitOut(o -> count(o, " << 200 OK") == 4);
            assertEquals(4, count(out, SHOWN), out);
            for (String coding : encoded.keySet()) {
                assertTrue(out.toLowerCase(java.util.Locale.ROOT).contains(
                        "    content-encoding: " + coding + "\n"), out);
            }
            assertFalse(out.contains("0000000000 "), "no hex dump: " + out);
        }
    }

    @Test void requestBodiesAreDecodedToo() throws Exception {
        Path body = Files.write(dir.resolve("body.gz"), gzip(TEXT.getBytes(StandardCharsets.UTF_8)));
        try (EncodingServer server = new EncodingServer(Map.of());
                Cli cli = Cli.start("-p", "0", "--flow-detail", "3")) {
            curl(cli, server.url("upload"), "-H", "Content-Encoding: gzip", "-H",
                    "Content-Type: text/plain; charset=utf-8", "--data-binary", "@" + body);
            String out = cli.awaitOut(o -> o.contains(" << 204 "));
            String request = out.substring(0, out.indexOf(" << 204 "));
            assertEquals(1, count(request, SHOWN), out);
        }
    }

    /** Level 3 cuts a body at 70 lines, level 4 shows it whole; both decoded. */
    @Test void flowDetail4ShowsTheWholeDecodedBody() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            lines.append("line ").append(i).append('\n');
        }
        byte[] gzipped = gzip(lines.toString().getBytes(StandardCharsets.UTF_8));
        try (EncodingServer server = new EncodingServer(Map.of("gzip", gzipped))) {
            for (String level : new String[] {"3", "4"}) {
                try (Cli cli = Cli.start("-p", "0", "--flow-detail", level)) {
                    curl(cli, server.url("gzip"));
                    String out = cli.awaitOut(o -> o.contains(" << 200 OK"));
                    boolean whole = level.equals("4");
                    assertTrue(out.contains("\n    line 69"), out);
                    assertEquals(whole, out.contains("\n    line 70\r\n"), out);
                    assertEquals(whole, out.contains("\n    line 99"), out);
                    assertEquals(!whole, out.contains("\n    (cut off)\n"), out);
                }
            }
        }
    }

    /** {@return how many body bytes curl received} */
    private static int curl(Cli cli, String url, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-s", "-o", "/dev/null", "-w",
                "%{size_download}", "--noproxy", "", "-x", "http://127.0.0.1:" + cli.port(), url));
        args.addAll(List.of(more));
        return Integer.parseInt(Curl.run(args.toArray(String[]::new)));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(bytes, new Deflater())) {
            out.write(body);
        }
        return bytes.toByteArray();
    }

    /** Answers {@code /CODING} with that coding's body and header; anything else with 204. */
    private static final class EncodingServer implements AutoCloseable {
        private final HttpServer server;

        EncodingServer(Map<String, byte[]> bodies) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    50);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = bodies.get(exchange.getRequestURI().getPath().substring(1));
                if (body == null) {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().set("Content-Encoding",
                        exchange.getRequestURI().getPath().substring(1));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
        }

        @Override public void close() {
            server.stop(0);
        }
    }
}
