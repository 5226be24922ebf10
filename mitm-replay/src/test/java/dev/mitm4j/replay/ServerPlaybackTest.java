package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Options;
import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each server_replay option changes matching as mitmproxy documents; FIFO and reuse. */
class ServerPlaybackTest {
    @TempDir
    Path dir;

    @Test
    void answersFromTheRecordedFlowsFirstInFirstOutEachOnce() throws Exception {
        ServerPlayback sp = playback(Options.defaults(),
                recorded("GET", "http://example.com/a", "", 200, "one"),
                recorded("GET", "http://example.com/a", "", 200, "two"));
        assertEquals("one", served(sp, live("GET", "http://example.com/a", "")));
        assertEquals("two", served(sp, live("GET", "http://example.com/a", "")));
        assertNull(served(sp, live("GET", "http://example.com/a", "")), "used up: forwarded");
        assertEquals(0, sp.count());
    }

    @Test
    void addAppendsAndClearStopsReplaySoEverythingIsForwarded() throws Exception {
        ServerPlayback sp = playback(opts("server_replay_extra", "404"),
                recorded("GET", "http://example.com/a", "", 200, "one"));
        sp.add(List.of(recorded("GET", "http://example.com/a", "", 200, "two"),
                recorded("GET", "http://example.com/b", "", 200, "bee")));
        assertEquals(3, sp.count());
        assertEquals("one", served(sp, live("GET", "http://example.com/a", "")));
        assertEquals("two", served(sp, live("GET", "http://example.com/a", "")));
        assertEquals("", served(sp, live("GET", "http://example.com/a", "")), "extra: 404");
        sp.clear();
        assertEquals(0, sp.count());
        assertNull(served(sp, live("GET", "http://example.com/b", "")),
                "no recorded flow left: forwarded, as mitmproxy, whatever server_replay_extra");
    }

    @Test
    void reuseKeepsServingTheFirst() throws Exception {
        for (String option : List.of("server_replay_reuse", "server_replay_nopop")) {
            ServerPlayback sp = playback(opts(option, "true"),
                    recorded("GET", "http://example.com/a", "", 200, "one"),
                    recorded("GET", "http://example.com/a", "", 200, "two"));
            assertEquals("one", served(sp, live("GET", "http://example.com/a", "")));
            assertEquals("one", served(sp, live("GET", "http://example.com/a", "")));
            assertEquals(2, sp.count());
        }
    }

    @Test
    void matchedFlowsAreMarkedAndCopied() throws Exception {
        HttpFlow rec = recorded("GET", "http://example.com/a", "", 200, "one");
        ServerPlayback sp = playback(Options.defaults(), rec);
        HttpFlow f = live("GET", "http://example.com/a", "");
        sp.request(f);
        assertEquals("response", f.isReplay());
        assertTrue(f.response() != rec.response());
    }

    @Test
    void theKeyHasSchemeMethodPathBodyHostPortAndQuery() throws Exception {
        ServerPlayback sp = playback(Options.defaults(),
                recorded("POST", "http://example.com/a?x=1", "body", 200, "hit"));
        assertNull(served(sp, live("GET", "http://example.com/a?x=1", "body")), "method");
        assertNull(served(sp, live("POST", "https://example.com/a?x=1", "body")), "scheme");
        assertNull(served(sp, live("POST", "http://example.com/b?x=1", "body")), "path");
        assertNull(served(sp, live("POST", "http://example.com/a?x=1", "other")), "body");
        assertNull(served(sp, live("POST", "http://other.com/a?x=1", "body")), "host");
        assertNull(served(sp, live("POST", "http://example.com:81/a?x=1", "body")), "port");
        assertNull(served(sp, live("POST", "http://example.com/a?x=2", "body")), "query");
        assertEquals("hit", served(sp, live("POST", "http://example.com/a?x=1#f", "body")),
                "fragment ignored");
    }

    @Test
    void headersVersionAndCookiesAreNotPartOfTheKeyByDefault() throws Exception {
        ServerPlayback sp = playback(Options.defaults(),
                recorded("GET", "http://example.com/", "", 200, "hit"));
        HttpFlow f = live("GET", "http://example.com/", "");
        f.request().headers().add("Cookie", "a=b");
        f.request().httpVersion("HTTP/2.0");
        assertEquals("hit", served(sp, f));
    }

    @Test
    void ignoreContentHostPortAndParams() throws Exception {
        assertEquals("hit", served(playback(opts("server_replay_ignore_content", "true"),
                recorded("POST", "http://e.com/", "a", 200, "hit")),
                live("POST", "http://e.com/", "b")));
        assertEquals("hit", served(playback(opts("server_replay_ignore_host", "true"),
                recorded("GET", "http://e.com/", "", 200, "hit")),
                live("GET", "http://f.com/", "")));
        assertEquals("hit", served(playback(opts("server_replay_ignore_port", "true"),
                recorded("GET", "http://e.com/", "", 200, "hit")),
                live("GET", "http://e.com:8080/", "")));
        assertEquals("hit", served(playback(opts("server_replay_ignore_params", "t"),
                recorded("GET", "http://e.com/?q=1&t=1", "", 200, "hit")),
                live("GET", "http://e.com/?q=1&t=2", "")));
    }

    @Test
    void ignorePayloadParamsDropsFormFields() throws Exception {
        Options o = opts("server_replay_ignore_payload_params", "nonce");
        HttpFlow rec = recorded("POST", "http://e.com/", "a=1&nonce=5", 200, "hit");
        rec.request().headers().set("Content-Type", "application/x-www-form-urlencoded");
        HttpFlow f = live("POST", "http://e.com/", "a=1&nonce=9");
        f.request().headers().set("Content-Type", "application/x-www-form-urlencoded");
        assertEquals("hit", served(playback(o, rec), f));
        HttpFlow g = live("POST", "http://e.com/", "a=2&nonce=5");
        g.request().headers().set("Content-Type", "application/x-www-form-urlencoded");
        assertNull(served(playback(o, recorded("POST", "http://e.com/", "a=1&nonce=5", 200,
                "hit")), g));
    }

    @Test
    void useHeadersAddsChosenHeaders() throws Exception {
        Options o = opts("server_replay_use_headers", "X-Api");
        HttpFlow rec = recorded("GET", "http://e.com/", "", 200, "hit");
        rec.request().headers().add("x-api", "1");
        HttpFlow other = live("GET", "http://e.com/", "");
        other.request().headers().add("X-Api", "2");
        assertNull(served(playback(o, rec), other));
        HttpFlow same = live("GET", "http://e.com/", "");
        same.request().headers().add("X-API", "1");
        assertEquals("hit", served(playback(o, rec), same));
    }

    @Test
    void extraRequestsCanBeKilledOrAnsweredWithAStatus() throws Exception {
        HttpFlow rec = recorded("GET", "http://e.com/", "", 200, "hit");
        HttpFlow killed = live("GET", "http://e.com/other", "");
        playback(opts("server_replay_extra", "kill"), rec).request(killed);
        assertNotNull(killed.error());
        assertTrue(killed.error().isKilled());
        HttpFlow answered = live("GET", "http://e.com/other", "");
        playback(opts("server_replay_extra", "404"), rec).request(answered);
        assertEquals(404, answered.response().statusCode());
        assertEquals("response", answered.isReplay());
        HttpFlow forwarded = live("GET", "http://e.com/other", "");
        playback(Options.defaults(), rec).request(forwarded);
        assertNull(forwarded.response());
    }

    @Test
    void refreshShiftsDatesUnlessTurnedOff() throws Exception {
        HttpFlow rec = recorded("GET", "http://e.com/", "", 200, "hit");
        rec.response().headers().add("Date", "Mon, 01 Jan 2001 00:00:00 GMT");
        rec.response().timestampStart(Instant.parse("2001-01-01T00:00:00Z"));
        HttpFlow f = live("GET", "http://e.com/", "");
        playback(Options.defaults(), rec).request(f);
        assertTrue(!f.response().headers().get("Date").contains("2001"),
                f.response().headers().get("Date"));
        HttpFlow g = live("GET", "http://e.com/", "");
        playback(opts("server_replay_refresh", "false"), rec).request(g);
        assertEquals("Mon, 01 Jan 2001 00:00:00 GMT", g.response().headers().get("Date"));
    }

    @Test
    void readsTheFilesNamedByServerReplay() throws Exception {
        Path file = dir.resolve("rec.mitm");
        try (FlowWriter w = FlowWriter.open(file, false, 21)) {
            w.add(recorded("GET", "http://e.com/", "", 200, "from file"));
        }
        ServerPlayback sp = new ServerPlayback();
        sp.configure(opts("server_replay", file.toString()));
        assertEquals("from file", served(sp, live("GET", "http://e.com/", "")));
    }

    @Test
    void changingAMatchingOptionRehashesTheRemainingFlows() throws Exception {
        ServerPlayback sp = playback(Options.defaults(),
                recorded("GET", "http://e.com/", "", 200, "hit"));
        assertNull(served(sp, live("GET", "http://f.com/", "")));
        sp.configure(opts("server_replay_ignore_host", "true"));
        assertEquals("hit", served(sp, live("GET", "http://f.com/", "")));
    }

    private static Options opts(String name, String value) {
        return Options.builder().set(name, value).build();
    }

    private static ServerPlayback playback(Options o, HttpFlow... flows) {
        ServerPlayback sp = new ServerPlayback();
        sp.configure(o);
        sp.load(List.of(flows));
        return sp;
    }

    private static String served(ServerPlayback sp, HttpFlow f) {
        sp.request(f);
        return f.response() == null ? null
                : new String(f.response().rawContent(), StandardCharsets.UTF_8);
    }

    static HttpFlow recorded(String method, String url, String body, int status, String text) {
        HttpFlow f = live(method, url, body);
        f.response(Response.make(status, text.getBytes(StandardCharsets.UTF_8), new Headers()));
        return f;
    }

    static HttpFlow live(String method, String url, String body) {
        Request r = Request.make(method, url, body.getBytes(StandardCharsets.UTF_8),
                new Headers());
        return new HttpFlow(new ClientConnection(), new ServerConnection(), r, true);
    }
}
