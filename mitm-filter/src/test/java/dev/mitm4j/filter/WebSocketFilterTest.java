package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.WebSocketData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WebSocket flows, as mitmproxy: {@code ~websocket} matches an HTTP flow with a WebSocket part,
 * and {@code ~b}, {@code ~bq}, {@code ~bs} search its messages by direction as well as the
 * handshake's bodies.
 */
class WebSocketFilterTest {

    @ParameterizedTest(name = "{0}: websocket flow {1}, plain flow {2}")
    @CsvSource(delimiterString = "::", value = {
        "~websocket         :: true  :: false",
        "~http              :: true  :: true",
        "~b subscribe       :: true  :: false",
        "~bq subscribe      :: true  :: false",
        "~bs subscribe      :: false :: false",
        "~bs 'price: 42'    :: true  :: false",
        "~bq 'price: 42'    :: false :: false",
        "~b Welcome         :: false :: true",
        "~websocket & ~c 101 :: true :: false",
    })
    void webSocketFlowsMatchAsInMitmproxy(String expression, boolean onWebSocket,
            boolean onPlain) {
        FlowFilter filter = FlowFilter.parse(expression);
        assertEquals(onWebSocket, filter.test(webSocketFlow()), "websocket flow");
        assertEquals(onPlain, filter.test(TestFlows.http()), "plain flow");
    }

    private static HttpFlow webSocketFlow() {
        HttpFlow flow = TestFlows.http();
        flow.request().path("/stream");
        flow.response(Response.make(101, new byte[0], dev.mitm4j.http.Headers.of(
                "Upgrade", "websocket", "Connection", "Upgrade")));
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        flow.websocket(new WebSocketData(List.of(
                new WebSocketData.Message(1, true, utf8("{\"op\": \"subscribe\"}"), t, false,
                        false),
                new WebSocketData.Message(1, false, utf8("price: 42"), t.plusSeconds(1), false,
                        false)),
                true, 1000L, "", t.plusSeconds(2)));
        return flow;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
