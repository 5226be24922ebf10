package dev.mitm4j.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.FlowError;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import dev.mitm4j.http.TcpFlow;
import dev.mitm4j.http.TcpMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DumperTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50588);

    @Test void level1AlignsTheResponseUnderTheMethod() {
        assertEquals("""
                127.0.0.1:50588: GET http://example.com/
                              << 200 OK 1.21k
                """, dump(1, flow()));
    }

    @Test void level0PrintsNothing() {
        assertEquals("", dump(0, flow()));
    }

    @Test void level2AddsHeaders() {
        assertEquals("""
                127.0.0.1:50588: GET http://example.com/
                    Host: example.com
                 << 200 OK 1.21k
                    Content-Type: text/plain
                """, dump(2, flow()));
    }

    @Test void level3AddsBodiesCutAt70Lines() {
        HttpFlow flow = flow();
        flow.response().rawContent("line\n".repeat(80).getBytes(StandardCharsets.UTF_8));
        flow.response().headers(Headers.of("Content-Type", "text/plain"));
        String out = dump(3, flow);
        String expectedStart = """
                127.0.0.1:50588: GET http://example.com/
                    Host: example.com

                 << 200 OK 400b
                    Content-Type: text/plain

                    line\r
                """;
        assertEquals(expectedStart, out.substring(0, expectedStart.length()));
        assertEquals(70, out.split("    line", -1).length - 1);
        assertEquals(true, out.endsWith("    line\n    (cut off)\n\n"), out);
        assertEquals(81, dump(4, flow).split("    line|    \n", -1).length - 1);
    }

    /** As mitmproxy's content views: a body that was not kept, one that does not decode. */
    @Test void level3SaysContentMissingAndShowsUndecodableBodiesAsSent() {
        HttpFlow flow = flow();
        flow.response().headers(Headers.of("Content-Encoding", "gzip"));
        flow.response().rawContent("not gzip".getBytes(StandardCharsets.UTF_8));
        flow.request().rawContent(null);
        assertEquals("""
                127.0.0.1:50588: GET http://example.com/
                    Host: example.com

                    content missing

                 << 200 OK 8b
                    Content-Encoding: gzip

                    not gzip

                """, dump(3, flow));
    }

    @Test void errorsAndNonHttp11Versions() {
        HttpFlow flow = flow();
        flow.response(null);
        flow.request().httpVersion("HTTP/2.0");
        flow.error(FlowError.of("Connection refused"));
        assertEquals("""
                127.0.0.1:50588: GET http://example.com/ HTTP/2.0
                 << Connection refused
                """, dump(1, flow));
    }

    @Test void tcpMessages() {
        TcpFlow flow = new TcpFlow(new ClientConnection(CLIENT, null),
                new ServerConnection(new InetSocketAddress("127.0.0.1", 9)));
        flow.messages().add(new TcpMessage(true, "hi".getBytes(), Instant.now()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Dumper(new PrintStream(bytes, true), 1, false, f -> true).tcpMessage(flow);
        assertEquals("127.0.0.1:50588 -> tcp -> 127.0.0.1:9\n", bytes.toString());
    }

    @Test void filterSelectsFlows() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Dumper(new PrintStream(bytes, true), 1, false, f -> false).response(flow());
        assertEquals("", bytes.toString());
    }

    private static HttpFlow flow() {
        Request request = Request.make("GET", "http://example.com/");
        HttpFlow flow = new HttpFlow(new ClientConnection(CLIENT, null),
                new ServerConnection(new InetSocketAddress("example.com", 80)), request);
        request.headers(Headers.of("Host", "example.com"));
        Response response = Response.make(200, new byte[1234], new Headers());
        response.headers(Headers.of("Content-Type", "text/plain"));
        flow.response(response);
        return flow;
    }

    private static String dump(int detail, HttpFlow flow) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Dumper(new PrintStream(bytes, true, StandardCharsets.UTF_8), detail, false, f -> true)
                .response(flow);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
