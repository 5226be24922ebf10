package dev.mitm4j.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mitm4j.http.Flow;
import java.util.Collection;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random expressions over the language's alphabet (fixed seed, so a failure reproduces): parsing
 * either succeeds or throws {@link FilterSyntaxException} with an offset inside the expression,
 * and a filter that parses never throws on any flow type.
 */
class ParserRobustnessTest {
    private static final String[] PIECES = {
        "~q", "~s", "~a", "~e", "~c", "~u", "~d", "~h", "~b", "~bq", "~hs", "~t", "~src", "~meta",
        "~x", "~", "(", ")", "!", "&", "|", "'", "\"", "\\", " ", " ", " ", "\t", "a", "b.c",
        "200", "x*", "[", "]", "{", "}", "{,2}", "?", "(?P<n>", "(?P=n)", "(?i)", "(?L)", "(?#",
        "\\Z", "\\0", "\\1", "\\u", "\\N{", "é", "шгн", "^", "$", "+", "-", ":",
    };

    @Test
    void anyInputParsesOrFailsWithAnOffsetAndMatchingNeverThrows() {
        Random random = new Random(20261123);
        Collection<Flow> flows = TestFlows.all().values();
        int parsed = 0;
        for (int i = 0; i < 10_000; i++) {
            String expression = randomExpression(random);
            FlowFilter filter;
            try {
                filter = FlowFilter.parse(expression);
            } catch (FilterSyntaxException e) {
                assertTrue(e.offset() >= 0 && e.offset() <= expression.length(), expression);
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("parse(" + expression + ") threw " + e, e);
            }
            parsed++;
            for (Flow flow : flows) {
                try {
                    filter.test(flow);
                } catch (RuntimeException e) {
                    fail("test(" + expression + ") on " + flow.type() + " threw " + e);
                }
            }
        }
        assertTrue(parsed > 500, "too few valid expressions to mean anything: " + parsed);
    }

    private static String randomExpression(Random random) {
        StringBuilder sb = new StringBuilder();
        int pieces = 1 + random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }
}
