package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each HAR fixture imports to the flows mitmproxy's expected JSON describes. */
class HarImportTest {
    @ParameterizedTest
    @ValueSource(strings = {"har_files_chrome", "har_files_firefox", "har_files_insomnia",
            "har_files_postdata"})
    void importMatchesMitmproxysExpectedFlows(String name) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Fixtures.path(name + ".json").toFile());
        List<Flow> flows = FlowReader.readAll(Fixtures.path(name + ".har"));
        assertEquals(expected.size(), flows.size());
        for (int i = 0; i < flows.size(); i++) {
            HttpFlow f = (HttpFlow) flows.get(i);
            JsonNode e = expected.get(i);
            String where = name + " flow " + i;
            JsonNode req = e.get("request");
            assertEquals(req.get("method").asText(), f.request().method(), where);
            assertEquals(req.get("scheme").asText(), f.request().scheme(), where);
            assertEquals(req.get("host").asText(), f.request().host(), where);
            assertEquals(req.get("port").asInt(), f.request().port(), where);
            assertEquals(req.get("path").asText(), f.request().path(), where);
            assertEquals(req.get("http_version").asText(), f.request().httpVersion(), where);
            assertMessage(req, f.request(), where + " request");
            JsonNode resp = e.get("response");
            assertEquals(resp.get("status_code").asInt(), f.response().statusCode(), where);
            assertEquals(resp.get("reason").asText(), f.response().reason(), where);
            assertEquals(resp.get("http_version").asText(), f.response().httpVersion(), where);
            assertMessage(resp, f.response(), where + " response");
            assertEquals("127.0.0.1", f.client().peername().getHostString(), where);
        }
    }

    private static void assertMessage(JsonNode e, Message m, String where)
            throws NoSuchAlgorithmException {
        assertEquals(headers(e.get("headers")), headers(m.headers()), where + " headers");
        assertEquals(e.get("contentLength").asInt(), m.rawContent().length, where + " length");
        assertEquals(e.get("contentHash").asText(), sha256(m.rawContent()), where + " hash");
        assertEquals(e.get("timestamp_start").asDouble(), seconds(m.timestampStart()), 1e-6,
                where);
        assertEquals(e.get("timestamp_end").asDouble(), seconds(m.timestampEnd()), 1e-6, where);
    }

    private static List<String> headers(JsonNode pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p.get(0).asText() + ": " + p.get(1).asText()));
        return out;
    }

    private static List<String> headers(Headers h) {
        List<String> out = new ArrayList<>();
        for (Headers.Field f : h) {
            // the expected JSON holds text; the model holds one char per UTF-8 byte
            out.add(utf8(f.name()) + ": " + utf8(f.value()));
        }
        return out;
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static double seconds(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

}
