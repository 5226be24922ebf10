package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The public surface: parse, test, ALL, text form, equality, help, errors, sharing. */
class FlowFilterTest {

    @Test
    void allMatchesEveryFlowType() {
        for (Flow flow : TestFlows.all().values()) {
            assertTrue(FlowFilter.ALL.test(flow), flow.type());
        }
        assertEquals("~all", FlowFilter.ALL.toString());
    }

    @Test
    void toStringAndExpressionGiveTheTextAsParsed() {
        FlowFilter filter = FlowFilter.parse("  ~d example\\.com   & ~c 200 ");
        assertEquals("  ~d example\\.com   & ~c 200 ", filter.toString());
        assertEquals(filter.toString(), filter.expression());
    }

    @Test
    void equalityFollowsTheExpressionText() {
        assertEquals(FlowFilter.parse("~q"), FlowFilter.parse("~q"));
        assertEquals(FlowFilter.parse("~q").hashCode(), FlowFilter.parse("~q").hashCode());
        assertNotEquals(FlowFilter.parse("~q"), FlowFilter.parse("~q "));
    }

    @Test
    void isAPredicateOfFlows() {
        Predicate<Flow> http = FlowFilter.parse("~http");
        assertEquals(3, TestFlows.all().values().stream().filter(http).count());
        assertEquals(2, TestFlows.all().values().stream().filter(http.negate()).count());
    }

    @Test
    void seesChangesMadeToTheFlowAfterParsing() {
        FlowFilter filter = FlowFilter.parse("~q");
        HttpFlow flow = TestFlows.pending();
        assertTrue(filter.test(flow));
        flow.response(Response.make(204));
        assertFalse(filter.test(flow));
        assertTrue(FlowFilter.parse("~c 204").test(flow));
    }

    @Test
    void aMalformedHostHeaderNeverMakesAFilterThrow() {
        for (String host : List.of("[::1", "a:b:c", ":", "[]:x", "h:99999999999")) {
            HttpFlow flow = TestFlows.http();
            flow.request().headers().set("Host", host);
            assertTrue(FlowFilter.parse("~d example\\.com").test(flow), host);
            assertTrue(FlowFilter.parse("~u index").test(flow), host);
        }
    }

    @Test
    void aBodyThatDoesNotDecodeIsSearchedRaw() {
        HttpFlow flow = TestFlows.http();
        Response response = java.util.Objects.requireNonNull(flow.response());
        response.headers().set("Content-Encoding", "gzip");
        response.rawContent("plain, not gzip".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(FlowFilter.parse("~bs 'not gzip'").test(flow), "mitmproxy: strict=False");
        assertFalse(FlowFilter.parse("~bs Welcome").test(flow));
    }

    @Test
    void markersMayBeEmojiOutsideTheBasicPlane() {
        HttpFlow flow = TestFlows.http();
        flow.marker("\uD83D\uDD34");   // red circle, as mitmproxy's UI sets it
        assertTrue(FlowFilter.parse("~marker \uD83D\uDD34").test(flow));
        assertTrue(FlowFilter.parse("~marker '^.$'").test(flow));
        assertFalse(FlowFilter.parse("~marker \uD83D\uDFE2").test(flow));
    }

    @Test
    void parseErrorsAreFilterSyntaxExceptions() {
        FilterSyntaxException e =
                assertThrows(FilterSyntaxException.class, () -> FlowFilter.parse("~q & ~nope"));
        assertEquals("Unknown operator ~nope at offset 5\n~q & ~nope\n     ^", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
        assertThrows(NullPointerException.class, () -> FlowFilter.parse(null));
    }

    @Test
    void helpListsEveryOperatorThenTheConnectives() {
        List<FlowFilter.HelpEntry> help = FlowFilter.help();
        assertEquals(37, help.size()); // mitmproxy's 32 operators, ~grpc, the 4 connectives
        assertEquals(new FlowFilter.HelpEntry("~a",
                "Match asset in response: CSS, JavaScript, images, fonts."), help.getFirst());
        assertTrue(help.contains(new FlowFilter.HelpEntry("~bq regex", "Request body")));
        assertTrue(help.contains(new FlowFilter.HelpEntry("~c int", "HTTP response code")));
        assertEquals(List.of("!", "&", "|", "(...)"),
                help.subList(33, 37).stream().map(FlowFilter.HelpEntry::syntax).toList());
        assertTrue(help.contains(new FlowFilter.HelpEntry("~grpc",
                "Match gRPC flows (mitm4j; not in mitmproxy)")));
        for (FlowFilter.HelpEntry entry : help.subList(0, 33)) {
            String operator = entry.syntax().split(" ")[0];
            String argument = entry.syntax().endsWith(" int") ? " 1"
                    : entry.syntax().endsWith(" regex") ? " x" : "";
            FlowFilter.parse(operator + argument);   // every listed operator parses
        }
    }

    @Test
    void oneFilterServesManyThreadsAtOnce() throws Exception {
        FlowFilter filter = FlowFilter.parse("~d example\\.com & ~c 200 & !~a | ~b ESMTP");
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            tasks.add(() -> {
                int matches = 0;
                List<Flow> flows = List.of(TestFlows.http(), TestFlows.api(), TestFlows.tcp());
                for (int i = 0; i < 300; i++) {
                    for (Flow flow : flows) {
                        matches += filter.test(flow) ? 1 : 0;
                    }
                }
                return matches;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                assertEquals(600, result.get());
            }
        }
    }
}
