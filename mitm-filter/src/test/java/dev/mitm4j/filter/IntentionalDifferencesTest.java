package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.ServerConnection;
import org.junit.jupiter.api.Test;

/**
 * Where mitm4j deliberately answers differently from mitmproxy (reference §9 item 13), shown on
 * flows. Each test names what mitmproxy does. Expressions mitmproxy parses correctly mean the
 * same here; these are the ones its parser gets wrong or rejects.
 */
class IntentionalDifferencesTest {

    /** mitmproxy #7715: reads {@code ~u get & ~u "Info|Routers"} and matches /getAttachment. */
    @Test
    void balancedParenthesesInAnUnquotedRegexBelongToIt() {
        FlowFilter filter = FlowFilter.parse("~u get(Info|Routers)");
        assertTrue(filter.test(get("/api/getInfo")));
        assertTrue(filter.test(get("/api/getRouters")));
        assertFalse(filter.test(get("/api/getAttachment?x=Info")));
    }

    /** Whitespace still separates: this is mitmproxy's reading, kept. */
    @Test
    void aGroupAfterWhitespaceIsStillAGroup() {
        FlowFilter filter = FlowFilter.parse("~u get (Info|Routers)");
        assertTrue(filter.test(get("/getAttachment?x=Info")));
    }

    /** mitmproxy #6688: drops the backslashes, so "\.sign\(" becomes the invalid ".sign(". */
    @Test
    void regexEscapesSurviveQuotes() {
        FlowFilter filter = FlowFilter.parse("~u '\\.sign\\('");
        assertTrue(filter.test(get("/js/app.sign(1)")));
        assertFalse(filter.test(get("/js/appXsign(1)")));
        FlowFilter dotted = FlowFilter.parse("~u \"a\\.b\"");
        assertFalse(dotted.test(get("/axb")), "mitmproxy matches: it reads the regex a.b");
        assertTrue(dotted.test(get("/a.b")));
    }

    /** The workaround mitmproxy users write (a doubled backslash) keeps working. */
    @Test
    void doubledBackslashesInQuotesMeanWhatTheyMeanInMitmproxy() {
        FlowFilter filter = FlowFilter.parse("~u 'a\\\\.b'");
        assertTrue(filter.test(get("/a.b")));
        assertFalse(filter.test(get("/axb")));
    }

    /** mitmproxy: syntax error, an argument cannot start with '('. */
    @Test
    void aRegexArgumentMayStartWithAGroup() {
        FlowFilter filter = FlowFilter.parse("~d (www\\.)?example\\.com");
        assertTrue(filter.test(get("/")));
        assertTrue(FlowFilter.parse("~u (?-i:Index)").test(get("/Index")));
        assertFalse(FlowFilter.parse("~u (?-i:Index)").test(get("/index")));
    }

    /** mitmproxy: syntax errors (every operator must be followed by whitespace). */
    @Test
    void operatorsNeedNoWhitespaceBeforeParenthesesAndConnectives() {
        assertTrue(FlowFilter.parse("(~q)").test(TestFlows.pending()));
        assertTrue(FlowFilter.parse("~q&~e").test(TestFlows.pending()));
        assertTrue(FlowFilter.parse("!(~q ~e)").test(TestFlows.http()));
    }

    /** mitmproxy: {@code ~c 200x} is {@code ~c 200 & ~u x}. */
    @Test
    void aStatusCodeFollowedByLettersIsAnError() {
        FilterSyntaxException e =
                assertThrows(FilterSyntaxException.class, () -> FlowFilter.parse("~c 200x"));
        assertEquals(3, e.offset());
    }

    /** mitmproxy: {@code ~q &} is {@code ~q & ~u "&"}, matching URLs that contain '&'. */
    @Test
    void aTrailingConnectiveIsAnError() {
        assertThrows(FilterSyntaxException.class, () -> FlowFilter.parse("~q &"));
        assertThrows(FilterSyntaxException.class, () -> FlowFilter.parse("~q |"));
    }

    private static HttpFlow get(String path) {
        Request request = Request.make("GET", "http://www.example.com" + path);
        return new HttpFlow(TestFlows.client("127.0.0.1", 1), new ServerConnection(), request,
                false);
    }
}
