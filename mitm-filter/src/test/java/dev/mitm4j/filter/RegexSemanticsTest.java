package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.Flow;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.Response;
import dev.mitm4j.http.ServerConnection;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How regex arguments match, end to end through {@link FlowFilter}: case-insensitive and
 * unanchored; header operators are MULTILINE over CRLF lines; body operators are DOTALL over
 * bytes (non-ASCII patterns match their UTF-8 bytes); Python syntax is translated.
 */
class RegexSemanticsTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                // case-insensitive, unanchored
                Arguments.of("~u EXAMPLE", true),
                Arguments.of("~u ample\\.co", true),
                Arguments.of("~u '^http://www\\.example\\.com/'", true),
                Arguments.of("~u '^www'", false),
                // headers: "name: value\r\n" lines, ^ and $ at each line; $ sits after the \r
                Arguments.of("~hq '^accept-language: fr'", true),
                Arguments.of("~hq 'fr-CH$'", false),
                Arguments.of("~hq 'fr-CH\\r$'", true),
                Arguments.of("~hq '^x-empty: \\r$'", true),
                // bodies: DOTALL, bytes; non-ASCII is matched as UTF-8
                Arguments.of("~bs 'first.second'", true),
                Arguments.of("~bs 'été'", true),
                Arguments.of("~bs ÉTÉ", false),
                Arguments.of("~bs 'caf\\xc3\\xa9'", true),
                Arguments.of("~bs '^second$'", false),
                Arguments.of("~bs '(?m)^second$'", true),
                // Python syntax
                Arguments.of("~u '(?P<n>\\d)/(?P=n)'", true),
                Arguments.of("~u '/(?P<id_1>\\d+)/(?P=id_1)\\Z'", true),
                Arguments.of("~u 'items/\\d{,3}/'", true),
                Arguments.of("~u '(?-i:WWW)'", false),
                Arguments.of("~u '(?#comment)example'", true),
                // text operators are Unicode-aware, as Python str patterns are
                Arguments.of("~comment '^\\w+$'", true),
                Arguments.of("~comment 'ÉTÉ'", true));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void matchesLikePythonsReSearch(String expression, boolean expected) {
        assertEquals(expected, FlowFilter.parse(expression).test(flow()), expression);
    }

    private static Flow flow() {
        Request request = Request.make("GET", "http://www.example.com/items/7/7");
        request.headers().add("Accept-Language", "fr-CH");
        request.headers().add("X-Empty", "");
        HttpFlow flow = new HttpFlow(TestFlows.client("127.0.0.1", 1), new ServerConnection(),
                request, false);
        flow.response(Response.make(200,
                "first\nsecond\nété café".getBytes(StandardCharsets.UTF_8), new Headers()));
        flow.comment("été");
        return flow;
    }
}
