package dev.mitm4j.testkit.pathod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PathodTest {
    private final Pathod pathod = Pathod.builder().anchor("/foo=202:b'anchored'").start();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        client.close();
        pathod.close();
    }

    @Test
    void servesTheSpecInThePathAndLogsTheRequest() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(pathod.p("200:b@100"))
                .PUT(HttpRequest.BodyPublishers.ofString("up")).build(), BodyHandlers.ofByteArray());

        assertEquals(200, r.statusCode());
        assertEquals(100, r.body().length);
        PathodLogEntry log = pathod.lastLog();
        assertEquals("PUT", log.method());
        assertEquals("up", log.bodyText());
        assertEquals("200:b@100", log.response());
        assertNull(log.error());
    }

    @Test
    void headersAndContentTypeReachTheClient() throws Exception {
        HttpResponse<String> r = send("200:b@1k,ascii_letters:h\"X-Thing\"=\"y\":c\"text/json\"");

        assertEquals("y", r.headers().firstValue("x-thing").orElseThrow());
        assertEquals("text/json", r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().matches("[A-Za-z]{1024}"));
    }

    @Test
    void aBadSpecGetsThe800Code() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(pathod.url("/p/foo")).build(),
                BodyHandlers.ofString());

        assertEquals(800, r.statusCode());
        assertTrue(r.body().startsWith("expected an integer at offset 0"), r.body());
        assertTrue(pathod.lastLog().error().startsWith("expected an integer"));
    }

    @Test
    void anchorsAnswerMatchingPathsAndOthersGet404() throws Exception {
        assertEquals("anchored", client.send(HttpRequest.newBuilder(pathod.url("/foo/bar"))
                .build(), BodyHandlers.ofString()).body());
        assertEquals(404, client.send(HttpRequest.newBuilder(pathod.url("/elsewhere")).build(),
                BodyHandlers.ofString()).statusCode());
        assertEquals(2, pathod.log().size());
    }

    @Test
    void aDisconnectMidBodyTruncatesTheResponse() {
        assertThrows(IOException.class, () -> send("200:b@1k:d200"));
        assertEquals("200:b@1024:d200", pathod.lastLog().response());
    }

    @Test
    void specsThatDoNotParseAreRejectedBeforeAnyRequest() {
        assertThrows(PathodSpecException.class, () -> pathod.p("200:q"));
        assertThrows(PathodSpecException.class, () -> Pathod.builder().anchor("/x=oops"));
    }

    private HttpResponse<String> send(String spec) throws Exception {
        return client.send(HttpRequest.newBuilder(pathod.p(spec)).build(),
                BodyHandlers.ofString());
    }
}
