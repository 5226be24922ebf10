package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mitm4j.http.Flow;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator against the {@link TestFlows} catalogue: each row lists exactly the flows that
 * match, so it checks a flow that matches, flows that do not, and the flow types the operator
 * does not apply to (which never match).
 */
class FlowFilterOperatorTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                row("~all", "http", "api", "pending", "tcp", "other"),
                row("~a", "api"),
                row("~b Welcome", "http"),
                row("~b alice", "api"),
                row("~b 'color: red'", "api"),
                row("~b '\\x1f\\x8b'"),
                row("~b ehlo", "tcp"),
                row("~b ESMTP", "tcp"),
                row("~bq alice", "api"),
                row("~bq Welcome"),
                row("~bq EHLO", "tcp"),
                row("~bq ESMTP"),
                row("~bs Welcome", "http"),
                row("~bs alice"),
                row("~bs ESMTP", "tcp"),
                row("~bs EHLO"),
                row("~c 200", "http"),
                row("~c 201", "api"),
                row("~c 404"),
                row("~comment review", "api"),
                row("~comment '^second'", "api"),
                row("~comment note", "tcp"),
                row("~comment other", "other"),
                row("~d example\\.com", "http", "pending"),
                row("~d API\\.TEST", "api"),
                row("~d mail"),
                row("~dns"),
                row("~dst example\\.com:80", "http"),
                row("~dst '^10\\.0\\.0\\.1:8443$'", "api"),
                row("~dst mail.example.net:25", "tcp"),
                row("~dst dns\\.example:53", "other"),
                row("~e", "pending", "other"),
                row("~h 'user-agent: curl'", "http"),
                row("~h '^server: nginx'", "http"),
                row("~h 'content-type: text/css'", "api"),
                row("~hq 'X-Trace: abc'", "pending"),
                row("~hq '^server:'"),
                row("~hs nginx", "http"),
                row("~hs x-trace"),
                row("~http", "http", "api", "pending"),
                row("~m post", "api"),
                row("~m '^(GET|DELETE)$'", "http", "pending"),
                row("~marked", "api", "pending"),
                row("~marker star", "api"),
                row("~marker default", "pending"),
                row("~meta 'source: replay'", "api"),
                row("~meta '^count: 3$'", "api"),
                row("~meta quic", "other"),
                row("~q", "pending"),
                row("~replay", "api", "tcp"),
                row("~replayq", "api"),
                row("~replays", "tcp"),
                row("~s", "http", "api"),
                row("~src '^192\\.168\\.1\\.10:50000$'", "http"),
                row("~src '^::1:4000$'", "api"),
                row("~src ^10\\.", "tcp", "other"),
                row("~t json", "api"),
                row("~t html", "http"),
                row("~tq json", "api"),
                row("~tq css"),
                row("~ts css", "api"),
                row("~ts json"),
                row("~tcp", "tcp"),
                row("~u index\\.html", "http"),
                row("~u 'https://api\\.test\\.org:8443/v1'", "api"),
                row("~u example.com:8080/items", "pending"),
                row("~u mail"),
                row("~udp"),
                row("~websocket"),
                // bare words, negation and the connectives
                row("example\\.com", "http", "pending"),
                row("!~http", "tcp", "other"),
                row("~http & !~s", "pending"),
                row("~s | ~tcp", "http", "api", "tcp"),
                row("~e ~http", "pending"),
                row("~d example\\.com & ~c 200 & !~a", "http"));
    }

    private static Arguments row(String expression, String... matching) {
        return Arguments.of(expression, new LinkedHashSet<>(Arrays.asList(matching)));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void matchesExactlyTheListedFlows(String expression, Set<String> expected) {
        FlowFilter filter = FlowFilter.parse(expression);
        Set<String> matched = new LinkedHashSet<>();
        for (Map.Entry<String, Flow> e : TestFlows.all().entrySet()) {
            if (filter.test(e.getValue())) {
                matched.add(e.getKey());
            }
        }
        assertEquals(expected, matched, expression);
    }
}
