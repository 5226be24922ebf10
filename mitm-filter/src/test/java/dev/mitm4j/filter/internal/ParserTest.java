package dev.mitm4j.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How expressions are read: precedence, juxtaposition, bare words, quoting and escapes. Each row
 * is an expression and its canonical form ({@link Expr#toString()}, every binary node in
 * parentheses). Rows marked "mitmproxy:" are intentional differences and say what mitmproxy does.
 */
class ParserTest {

    static Stream<Arguments> sameAsMitmproxy() {
        return Stream.of(
                // single operators of each argument kind
                Arguments.of("~q", "~q"),
                Arguments.of("~c 10", "~c 10"),
                Arguments.of("~c 0200", "~c 0200"),
                Arguments.of("~m foobar", "~m \"foobar\""),
                Arguments.of("~replayq", "~replayq"),
                Arguments.of("~comment .", "~comment \".\""),
                Arguments.of("~bq x", "~bq \"x\""),
                Arguments.of("~marker red", "~marker \"red\""),
                // precedence: ! > & > |
                Arguments.of("~a & ~b x | ~c 2", "((~a & ~b \"x\") | ~c 2)"),
                Arguments.of("~a | ~s & ~e", "(~a | (~s & ~e))"),
                Arguments.of("!~a & ~s", "(!~a & ~s)"),
                Arguments.of("!!~a", "!!~a"),
                Arguments.of("~a | ~s | ~e", "(~a | ~s | ~e)"),
                Arguments.of("~a & ~s & ~e", "(~a & ~s & ~e)"),
                Arguments.of("!(~u test & ~h bar)", "!(~u \"test\" & ~h \"bar\")"),
                Arguments.of("(~u foobar & ~h voing)", "(~u \"foobar\" & ~h \"voing\")"),
                // juxtaposition is & and binds looser than |, as mitmproxy's grammar does
                Arguments.of("~q ~c 10", "(~q & ~c 10)"),
                Arguments.of("~a ~b x | ~c 2", "(~a & (~b \"x\" | ~c 2))"),
                Arguments.of("~q !~s", "(~q & !~s)"),
                // bare words are ~u; !, & and | inside a word belong to the regex
                Arguments.of("google\\.com", "~u \"google\\.com\""),
                Arguments.of("foobar ~h rex", "(~u \"foobar\" & ~h \"rex\")"),
                Arguments.of("!foo", "!~u \"foo\""),
                Arguments.of("~u get|other", "~u \"get|other\""),
                Arguments.of("~u get&other", "~u \"get&other\""),
                Arguments.of("~u get!other", "~u \"get!other\""),
                Arguments.of("a&b", "~u \"a&b\""),
                Arguments.of("a & b", "(~u \"a\" & ~u \"b\")"),
                Arguments.of("a &b", "(~u \"a\" & ~u \"b\")"),
                Arguments.of("a& b", "(~u \"a&\" & ~u \"b\")"),
                Arguments.of("a |b", "(~u \"a\" | ~u \"b\")"),
                Arguments.of("~c 200&~q", "(~c 200 & ~q)"),
                Arguments.of("!", "~u \"!\""),
                Arguments.of("~q !", "(~q & ~u \"!\")"),
                Arguments.of("& ~q", "(~u \"&\" & ~q)"),
                Arguments.of("~s шгн", "(~s & ~u \"шгн\")"),
                Arguments.of("~u get (Info|Routers)", "(~u \"get\" & ~u \"Info|Routers\")"),
                // quoting: both quote characters, escaped quotes and backslashes
                Arguments.of("~u 'foo ~u bar' ~u voing", "(~u \"foo ~u bar\" & ~u \"voing\")"),
                Arguments.of("~u 'foobar\\\"\\''", "~u \"foobar\"'\""),
                Arguments.of("~u \"foo \\'bar\"", "~u \"foo 'bar\""),
                Arguments.of("~hq 'header: qvalue'", "~hq \"header: qvalue\""),
                Arguments.of("\"foo bar\"", "~u \"foo bar\""),
                Arguments.of("~b 'a\\\\.b'", "~b \"a\\.b\""),
                Arguments.of("~u 'a(b)c' ~q", "(~u \"a(b)c\" & ~q)"),
                Arguments.of("~q \t\r\n ~s", "(~q & ~s)"));
    }

    static Stream<Arguments> intentionalDifferences() {
        return Stream.of(
                // mitmproxy: ~u get & ~u "Info|Routers" (issue #7715); balanced parentheses
                // attached to a word now belong to the regex
                Arguments.of("~u get(Info|Routers)", "~u \"get(Info|Routers)\""),
                Arguments.of("foo(bar)", "~u \"foo(bar)\""),
                Arguments.of("(~u get(Info|Routers))", "~u \"get(Info|Routers)\""),
                // mitmproxy: syntax error (a regex argument cannot start with '(')
                Arguments.of("~d (www\\.)?example\\.com", "~d \"(www\\.)?example\\.com\""),
                Arguments.of("~u (?i)abc", "~u \"(?i)abc\""),
                // mitmproxy: syntax error at '\(' (the escaped parenthesis ends the word)
                Arguments.of("~u \\.sign\\(", "~u \"\\.sign\\(\""),
                // mitmproxy drops these backslashes (issue #6688): regex escapes survive quotes
                Arguments.of("~u '\\.sign\\('", "~u \"\\.sign\\(\""),
                Arguments.of("~b \"a\\.b\"", "~b \"a\\.b\""),
                Arguments.of("~b '\\d+'", "~b \"\\d+\""),
                // mitmproxy: syntax errors (an operator must be followed by whitespace)
                Arguments.of("(~q)", "~q"),
                Arguments.of("~q&~s", "(~q & ~s)"),
                Arguments.of("~u'x'", "~u \"x\""),
                // mitmproxy: syntax error (juxtaposition only at the top level)
                Arguments.of("(~a ~b x)", "(~a & ~b \"x\")"),
                Arguments.of("!(~q ~s) | ~e", "(!(~q & ~s) | ~e)"),
                // mitmproxy: ~u foo & (group); the unbalanced '(' still ends the word
                Arguments.of("~u foo(bar baz)", "(~u \"foo\" & (~u \"bar\" & ~u \"baz\"))"));
    }

    @ParameterizedTest
    @MethodSource("sameAsMitmproxy")
    void readsLikeMitmproxy(String expression, String canonical) {
        assertEquals(canonical, Parser.parse(expression).toString());
    }

    @ParameterizedTest
    @MethodSource("intentionalDifferences")
    void readsIntentionalDifferences(String expression, String canonical) {
        assertEquals(canonical, Parser.parse(expression).toString());
    }

    @Test
    void statusCodeKeepsLeadingZerosInTextButNotInValue() {
        Expr.Op op = (Expr.Op) Parser.parse("~c 0200");
        assertEquals(200, op.number());
        assertEquals(-1, ((Expr.Op) Parser.parse("~c 99999999999")).number());
    }

    @Test
    void operatorOffsetsPointAtTheTilde() {
        Expr.And and = (Expr.And) Parser.parse("~q  & ~c 200");
        assertEquals(0, ((Expr.Op) and.operands().get(0)).offset());
        assertEquals(6, ((Expr.Op) and.operands().get(1)).offset());
    }
}
