package dev.mitm4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.filter.FlowFilter;
import dev.mitm4j.http.Flow;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mitm-filter expressions evaluated over flows read from mitmproxy's own flow files. The expected
 * ids come from dumping the files' raw tnetstring fields with mitmproxy's Python reader (not from
 * running FlowFilter): flows_successful_log holds a GET of https://example.com/ (200, text/html,
 * curl) and a POST of https://httpbin.org/post (form body key1=value1&key2=value2; 200,
 * application/json, curl); dumpfile-10 holds one GET without a response; flows_websocket holds three
 * WebSocket handshakes (101) to demo.piesocket.com, each with its WebSocket part (mitmproxy's
 * {@code ~websocket} matches all three).
 */
class FilterOverFixturesTest {
    private static final String GET = "8b751868-ff89-4844-b09f-0380bd9c8db6";
    private static final String POST = "d9c85948-fb5b-49ff-bb81-5f454be2e6b7";
    private static final String NO_RESPONSE = "fac79186-100e-45ee-a9ab-f7369281cf50";
    private static final String WS = "048beb47-5242-4486-8634-165f6fef572a "
            + "0474f9fe-0973-4ff1-afd5-01013d04ba1f 5f4f7d1a-64bc-479a-ad5d-b364d6ad3538";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = "::", nullValues = "-", value = {
        "flows_successful_log.mitm :: ~m GET                :: " + GET,
        "flows_successful_log.mitm :: ~m POST               :: " + POST,
        "flows_successful_log.mitm :: ~c 200                :: " + GET + " " + POST,
        "flows_successful_log.mitm :: !~c 200               :: -",
        "flows_successful_log.mitm :: ~d httpbin.org        :: " + POST,
        "flows_successful_log.mitm :: ~d example.com        :: " + GET,
        "flows_successful_log.mitm :: ~u /post              :: " + POST,
        "flows_successful_log.mitm :: ~t html               :: " + GET,
        "flows_successful_log.mitm :: ~ts json              :: " + POST,
        "flows_successful_log.mitm :: ~tq form-urlencoded   :: " + POST,
        "flows_successful_log.mitm :: ~q                    :: -",
        "flows_successful_log.mitm :: ~s                    :: " + GET + " " + POST,
        "flows_successful_log.mitm :: ~http                 :: " + GET + " " + POST,
        "flows_successful_log.mitm :: ~tcp                  :: -",
        "flows_successful_log.mitm :: ~websocket            :: -",
        "flows_successful_log.mitm :: ~hq curl              :: " + GET + " " + POST,
        "flows_successful_log.mitm :: ~hs gunicorn          :: " + POST,
        "flows_successful_log.mitm :: ~bq key1=value1       :: " + POST,
        "flows_successful_log.mitm :: ~bs Example           :: " + GET,
        "flows_successful_log.mitm :: ~b Example            :: " + GET,
        "flows_successful_log.mitm :: ~m POST & ~c 200      :: " + POST,
        "flows_successful_log.mitm :: ~m GET | ~d httpbin   :: " + GET + " " + POST,
        "dumpfile-10.mitm          :: ~q                    :: " + NO_RESPONSE,
        "dumpfile-10.mitm          :: ~s                    :: -",
        "dumpfile-10.mitm          :: !~c 200               :: " + NO_RESPONSE,
        "dumpfile-10.mitm          :: ~h example.com        :: " + NO_RESPONSE,
        "flows_websocket.mitm      :: ~c 101                :: " + WS,
        "flows_websocket.mitm      :: ~websocket            :: " + WS,
        "flows_websocket.mitm      :: ~u api_key            :: "
                + "048beb47-5242-4486-8634-165f6fef572a 5f4f7d1a-64bc-479a-ad5d-b364d6ad3538",
    })
    void matchesTheFlowsTheFileContains(String file, String expression, String expectedIds)
            throws IOException {
        List<Flow> flows = FlowReader.readAll(Fixtures.path(file));
        FlowFilter filter = FlowFilter.parse(expression);
        List<String> matched = flows.stream().filter(filter).map(Flow::id).toList();
        List<String> expected = expectedIds == null ? List.of()
                : List.of(expectedIds.trim().split("\\s+"));
        assertEquals(expected, matched, file + " filtered by " + expression);
    }
}
