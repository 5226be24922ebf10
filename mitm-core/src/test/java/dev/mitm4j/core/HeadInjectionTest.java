package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ResponseCookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CR, LF and NUL never reach the wire, whoever puts them into a head: an addon editing the
 * request or the response, or a {@code modify_headers} spec. Each case runs through the proxy over
 * loopback against a raw origin that records exactly the bytes it receives; the injected text
 * ("Injected", "smuggled", "evil") must appear neither there nor at the client.
 */
class HeadInjectionTest {
    @TempDir
    Path dir;

    static Stream<Arguments> requestEdits() {
        return Stream.of(
                edit("a header value", "X-A",
                        f -> f.request().headers().set("X-A", "v\r\nInjected: yes")),
                edit("an added header value with a bare LF", "X-A",
                        f -> f.request().headers().add("X-A", "v\nInjected: yes")),
                edit("a header value with NUL", "X-A",
                        f -> f.request().headers().add("X-A", "v\0Injected")),
                edit("a header name", "header name",
                        f -> f.request().headers().add("Injected: yes\r\nX-A", "v")),
                edit("an inserted header", "X-A",
                        f -> f.request().headers().insert(0, "X-A", "v\r\nInjected: yes")),
                edit("headers replaced by regex", "Host",
                        f -> f.request().headers().replace("^Host: (.*)$",
                                "Host: $1\r\nInjected: yes")),
                edit("a whole header list", "X-A",
                        f -> f.request().headers(Headers.of("X-A", "v\r\nInjected: yes"))),
                edit("the method", "method",
                        f -> f.request().method("GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\nGET")),
                edit("the path", "path",
                        f -> f.request().path("/x HTTP/1.1\r\nHost: a\r\n\r\nGET /smuggled")),
                edit("the URL", "URL",
                        f -> f.request().url(f.request().url() + "\r\nInjected: yes")),
                edit("the host header", "Host",
                        f -> f.request().hostHeader("a\r\nInjected: yes")),
                edit("the HTTP version", "HTTP version",
                        f -> f.request().httpVersion("HTTP/1.1\r\nInjected: yes")),
                edit("a cookie", "Cookie",
                        f -> f.request().cookies().set("a", "b\r\nInjected: yes")));
    }

    static Stream<Arguments> responseEdits() {
        return Stream.of(
                edit("a Set-Cookie value", "Set-Cookie",
                        f -> f.response().headers().set("Set-Cookie", "a=b\r\nSet-Cookie: evil=1")),
                edit("the reason phrase", "reason",
                        f -> f.response().reason("OK\r\nSet-Cookie: evil=1")),
                edit("a response cookie", "Set-Cookie",
                        f -> f.response().cookies().add("a",
                                ResponseCookie.of("b\r\nSet-Cookie: evil=1"))),
                edit("the HTTP version", "HTTP version",
                        f -> f.response().httpVersion("HTTP/1.1\r\nSet-Cookie: evil=1")));
    }

    private static Arguments edit(String what, String field, Consumer<HttpFlow> edit) {
        return Arguments.of(what, field, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestEdits")
    void aRequestEditHoldingALineBreakIsRefusedAndTheServerGetsTheRequestAsSent(String what,
            String field, Consumer<HttpFlow> edit) throws Exception {
        EditingAddon addon = new EditingAddon(edit, null);
        try (WireRecorder origin = new WireRecorder();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), addon);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send(request(origin)).readAll();

            assertEquals(WireRecorder.OK, response);
            assertEquals(forwarded(origin), origin.nextConnection());
        }
        assertRefusedNaming(addon, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseEdits")
    void aResponseEditHoldingALineBreakIsRefusedAndTheClientGetsTheResponseAsSent(String what,
            String field, Consumer<HttpFlow> edit) throws Exception {
        EditingAddon addon = new EditingAddon(null, edit);
        try (WireRecorder origin = new WireRecorder();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), addon);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send(request(origin)).readAll();

            assertEquals(WireRecorder.OK, response);
        }
        assertRefusedNaming(addon, field);
    }

    @Test
    void modifyHeadersRefusesAFileWhoseValueHoldsALineBreakWhenTheOptionIsSet() throws Exception {
        Path file = dir.resolve("value.txt");
        Files.writeString(file, "v\r\nInjected: yes\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().modifyHeaders("/~q/X-A/@" + file));

        assertTrue(e.getMessage().contains("modify_headers"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("Injected"), e.getMessage());
    }

    @Test
    void modifyHeadersRefusesEscapedLineBreaksInALiteralNameOrValueWhenTheOptionIsSet() {
        for (String spec : List.of("/~q/X-A/v\\r\\nInjected: yes", "/~q/X-A\\nInjected/yes",
                "/~q/X-A/v\\x00")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Options.builder().modifyHeaders(spec), spec);
            assertTrue(e.getMessage().contains("modify_headers"), e.getMessage());
        }
    }

    @Test
    void modifyHeadersSkipsAFileThatGainsALineBreakAfterTheStart() throws Exception {
        Path file = dir.resolve("value.txt");
        Files.writeString(file, "first\n");
        Options options = TestProxies.options("modify_headers", "/~q/X-A/@" + file);
        try (WireRecorder origin = new WireRecorder();
                ProxyServer proxy = TestProxies.start(options)) {
            try (RawClient client = new RawClient(proxy.port())) {
                client.send(request(origin)).readAll();
            }
            assertTrue(origin.nextConnection().contains("\r\nX-A: first\r\n"));

            Files.writeString(file, "second\r\nInjected: yes\n");
            try (RawClient client = new RawClient(proxy.port())) {
                assertEquals(WireRecorder.OK, client.send(request(origin)).readAll());
            }
            String forwarded = origin.nextConnection();
            assertFalse(forwarded.contains("Injected"), forwarded);
            assertFalse(forwarded.contains("X-A"), forwarded);
        }
    }

    @Test
    void aRequestHeadTheWriterRefusesEndsTheFlowWithAnErrorAndThe502() throws Exception {
        // The model allows a space in the path (HTTP/2 could carry it); an HTTP/1 request line
        // cannot, so the writer's own check is what stops this one.
        EditingAddon addon = new EditingAddon(f -> f.request().path("/a b"), null);
        RecordingAddon recorder = new RecordingAddon();
        try (WireRecorder origin = new WireRecorder();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), addon, recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send(request(origin)).readAll();

            assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), response);
            assertTrue(response.contains("request head cannot be written"), response);
            recorder.awaitDisconnects();
            assertEquals("", origin.nextConnection(), "not one byte reached the server");
        }
        assertEndedWithErrorOnly(recorder, "target");
    }

    @Test
    void aResponseHeadTheWriterRefusesEndsTheFlowWithAnErrorAndThe502() throws Exception {
        // The model keeps any status code (a HAR records 0 for a blocked request); an HTTP/1
        // status line needs three digits.
        EditingAddon addon = new EditingAddon(null, f -> f.response().statusCode(1000));
        RecordingAddon recorder = new RecordingAddon();
        try (WireRecorder origin = new WireRecorder();
                ProxyServer proxy = TestProxies.start(TestProxies.options(), addon, recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send(request(origin)).readAll();

            assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), response);
            assertTrue(response.contains("response head cannot be written"), response);
            recorder.awaitDisconnects();
        }
        assertEndedWithErrorOnly(recorder, "code");
    }

    @Test
    void anAnswerTheWriterRefusesIsReplacedByThe502() throws Exception {
        EditingAddon addon = new EditingAddon(f -> f.response(Response.make(42)), null);
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), addon, recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: a\r\n\r\n")
                    .readAll();

            assertTrue(response.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), response);
            recorder.awaitDisconnects();
        }
        assertEndedWithErrorOnly(recorder, "code");
    }

    private static void assertEndedWithErrorOnly(RecordingAddon recorder, String named) {
        assertEquals(1, recorder.errors.size(), recorder.events.toString());
        HttpFlow flow = recorder.errors.getFirst();
        assertNull(flow.response(), "a flow ends with a response or an error, not both");
        assertTrue(flow.error().msg().contains(named), flow.error().msg());
        int error = recorder.events.indexOf("error");
        assertEquals(error, recorder.events.lastIndexOf("error"), recorder.events.toString());
        assertFalse(recorder.events.subList(error, recorder.events.size()).contains("response"),
                recorder.events.toString());
    }

    private static void assertRefusedNaming(EditingAddon addon, String field) {
        assertEquals(1, addon.refused.size(), "the edit was refused");
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class,
                addon.refused.getFirst());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        for (String injected : List.of("Injected", "smuggled", "evil")) {
            assertFalse(e.getMessage().contains(injected), "echoes the value: " + e.getMessage());
        }
    }

    private static String request(WireRecorder origin) {
        return "GET http://" + origin.authority() + "/x HTTP/1.1\r\nHost: " + origin.authority()
                + "\r\nConnection: close\r\n\r\n";
    }

    /** {@return the request as the proxy forwards it unchanged: origin-form, same fields} */
    private static String forwarded(WireRecorder origin) {
        return "GET /x HTTP/1.1\r\nHost: " + origin.authority() + "\r\nConnection: close\r\n\r\n";
    }

    /** Applies an edit in {@code request} and/or {@code response}; records what it threw. */
    private static final class EditingAddon implements Addon {
        final List<RuntimeException> refused = new CopyOnWriteArrayList<>();
        private final Consumer<HttpFlow> requestEdit;
        private final Consumer<HttpFlow> responseEdit;

        EditingAddon(Consumer<HttpFlow> requestEdit, Consumer<HttpFlow> responseEdit) {
            this.requestEdit = requestEdit;
            this.responseEdit = responseEdit;
        }

        @Override
        public void request(HttpFlow flow) {
            apply(requestEdit, flow);
        }

        @Override
        public void response(HttpFlow flow) {
            apply(responseEdit, flow);
        }

        private void apply(Consumer<HttpFlow> edit, HttpFlow flow) {
            if (edit == null) {
                return;
            }
            try {
                edit.accept(flow);
            } catch (RuntimeException e) {
                refused.add(e);
            }
        }
    }
}
