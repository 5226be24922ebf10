package dev.mitm4j.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mitm4j.filter.FilterSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every syntax error: its reason, its offset, and the message with the caret. */
class ParserErrorTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("", "Empty filter expression", 0),
                Arguments.of(" \t ", "Empty filter expression", 0),
                Arguments.of("~x", "Unknown operator ~x", 0),
                Arguments.of("~q & ~foo bar", "Unknown operator ~foo", 5),
                Arguments.of("~bfoo", "Unknown operator ~bfoo", 0),
                Arguments.of("~c200", "Unknown operator ~c200", 0),
                Arguments.of("~", "Unknown operator ~", 0),
                Arguments.of("~hh x", "Unknown operator ~hh", 0),
                Arguments.of("~comments x", "Unknown operator ~comments (did you mean ~comment?)",
                        0),
                Arguments.of("~q | ~replyq", "Unknown operator ~replyq (did you mean ~replayq?)",
                        5),
                Arguments.of("~webscket", "Unknown operator ~webscket (did you mean ~websocket?)",
                        0),
                Arguments.of("~b", "~b needs a regex argument", 2),
                Arguments.of("~u ~q", "~u needs a regex argument", 3),
                Arguments.of("(~u)", "~u needs a regex argument", 3),
                Arguments.of("~h (", "~h needs a regex argument", 3),
                Arguments.of("~c", "~c needs an integer argument", 2),
                Arguments.of("~c abc", "~c needs an integer argument", 3),
                Arguments.of("~c 20x", "~c needs an integer argument", 3),
                Arguments.of("~c '200'", "~c needs an integer argument", 3),
                Arguments.of("~q &", "Expected an expression after &", 4),
                Arguments.of("~q | )", "Expected an expression after |", 5),
                Arguments.of("()", "Expected an expression after (", 1),
                Arguments.of("(~q", "Missing ) to close this (", 0),
                Arguments.of("~q)", "Unexpected )", 2),
                Arguments.of(") ~q", "Unexpected )", 0),
                Arguments.of("~c 200)", "Unexpected )", 6),
                Arguments.of("~u 'abc", "Unterminated quoted string", 3),
                Arguments.of("~u \"abc\\\"", "Unterminated quoted string", 3),
                Arguments.of("~h [", "Invalid regex for ~h: Unterminated character set", 3),
                Arguments.of("~b 'x[a-'", "Invalid regex for ~b: Unterminated character set", 5),
                Arguments.of("~u (?(1)a|b)", "Invalid regex for ~u:"
                        + " Conditional groups (?(id)yes|no) are not supported", 3),
                Arguments.of("~u (?L)x", "Invalid regex for ~u:"
                        + " (?L) (locale-dependent matching) is not supported", 5),
                Arguments.of("~u '(?P=nope)'",
                        "Invalid regex for ~u: Unknown group name in (?P=...)", 8),
                Arguments.of("~u x\\", "Invalid regex for ~u: Trailing backslash", 4),
                Arguments.of("~d a**", "Invalid regex for ~d: Dangling meta character '*'", 5),
                Arguments.of("x ~m a)b(", "Unexpected )", 6));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void reportsReasonAndOffset(String expression, String reason, int offset) {
        FilterSyntaxException e =
                assertThrows(FilterSyntaxException.class, () -> Parser.parse(expression));
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
        assertEquals(expression, e.expression());
    }

    @ParameterizedTest
    @MethodSource("messages")
    void drawsACaretUnderTheFailingColumn(String expression, String message) {
        FilterSyntaxException e =
                assertThrows(FilterSyntaxException.class, () -> Parser.parse(expression));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("", "Empty filter expression at offset 0\n\n^"),
                Arguments.of("~q & ~foo bar",
                        "Unknown operator ~foo at offset 5\n~q & ~foo bar\n     ^"),
                Arguments.of("~q\t~x", "Unknown operator ~x at offset 3\n~q ~x\n   ^"),
                Arguments.of("~q &", "Expected an expression after & at offset 4\n~q &\n    ^"),
                Arguments.of("~c 20x",
                        "~c needs an integer argument at offset 3\n~c 20x\n   ^"),
                Arguments.of("~b 'a(b'",
                        "Invalid regex for ~b: Unclosed group at offset 7\n~b 'a(b'\n       ^"));
    }
}
