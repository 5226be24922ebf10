package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HAR export with savehar's fields; exported files import back to the same exchanges. */
class HarExportTest {
    @TempDir
    Path dir;

    @Test
    void exportHasMitmproxysFields() throws Exception {
        Path har = dir.resolve("out.har");
        HarFiles.write(List.of(TestFlows.http(1), TestFlows.tlsWithError(), TestFlows.tcp()),
                har);
        JsonNode log = new ObjectMapper().readTree(har.toFile()).get("log");
        assertEquals("1.2", log.get("version").asText());
        assertEquals("mitmproxy exporthar", log.get("creator").get("name").asText());
        assertEquals(2, log.get("entries").size(), "the TCP flow is skipped");
        JsonNode e = log.get("entries").get(0);
        assertEquals("2026-11-23T01:02:03.124456+00:00", e.get("startedDateTime").asText());
        assertEquals("http://example.com:8080/items/1?q=a%20b",
                e.get("request").get("url").asText());
        assertEquals("a=1&b=1", e.get("request").get("postData").get("text").asText());
        assertEquals("b", e.get("request").get("postData").get("params").get(1)
                .get("name").asText());
        assertEquals("a b", e.get("request").get("queryString").get(0).get("value").asText());
        assertEquals("caf\u00e9", e.get("request").get("headers").get(2).get("value").asText(),
                "not UTF-8: kept one char per byte");
        assertEquals(201, e.get("response").get("status").asInt());
        assertEquals("ok", e.get("response").get("content").get("text").asText());
        assertEquals("a", e.get("response").get("cookies").get(0).get("name").asText());
        assertEquals(1.0, e.get("timings").get("connect").asDouble(), 1e-6);
        assertEquals("::1", e.get("serverIPAddress").asText().replace("0:0:0:0:0:0:0:1", "::1"));
        JsonNode failed = log.get("entries").get(1).get("response");
        assertEquals(0, failed.get("status").asInt());
        assertEquals("Connection killed.", failed.get("_error").asText());
    }

    @Test
    void binaryBodiesAreBase64AndImportBack() throws Exception {
        HttpFlow f = TestFlows.http(1);
        byte[] png = new byte[64];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 7);
        }
        f.response().content(png);
        Path har = dir.resolve("bin.har");
        HarFiles.write(List.of(f), har);
        JsonNode content = new ObjectMapper().readTree(har.toFile()).get("log").get("entries")
                .get(0).get("response").get("content");
        assertEquals("base64", content.get("encoding").asText());
        List<Flow> back = FlowReader.readAll(har);
        HttpFlow b = (HttpFlow) back.get(0);
        assertArrayEquals(png, b.response().rawContent());
        assertEquals("POST", b.request().method());
        assertEquals(f.request().url(), b.request().url());
        assertTrue(b.request().text().contains("a=1"));
    }
}
