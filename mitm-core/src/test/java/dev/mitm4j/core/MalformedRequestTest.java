package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedRequestTest {

    @Test
    void malformedHeaderGets400AndALogLineWithTheOffset() throws Exception {
        RecordingAddon recorder = new RecordingAddon();
        try (ProxyServer proxy = TestProxies.start(TestProxies.options(), recorder);
                RawClient client = new RawClient(proxy.port())) {
            String response = client.send("GET http://127.0.0.1:1/ HTTP/1.1\r\n"
                    + "Host: a\r\nBad Header\r\n\r\n").readAll();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            recorder.awaitDisconnects();
        }
        String log = recorder.logs.getFirst().message();
        assertTrue(log.contains("malformed request"), log);
        assertTrue(log.contains("offset 46"), log);
    }
}
