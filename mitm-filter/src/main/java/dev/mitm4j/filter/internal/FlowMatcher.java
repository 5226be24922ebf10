package dev.mitm4j.filter.internal;

import dev.mitm4j.http.Flow;

/**
 * A compiled filter node. Implementations are immutable and thread-safe (compiled
 * {@link java.util.regex.Pattern}s are; each match makes its own {@link java.util.regex.Matcher}).
 * A matcher never throws for a flow it does not apply to: it returns false, as mitmproxy does.
 */
@FunctionalInterface
public interface FlowMatcher {

    /**
     * Tests a flow, reading it and never changing it.
     *
     * @param flow any flow
     * @return whether it matches
     */
    boolean test(Flow flow);
}
