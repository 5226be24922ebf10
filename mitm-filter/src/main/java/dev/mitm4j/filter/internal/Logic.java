package dev.mitm4j.filter.internal;

import java.util.List;

/** The boolean connectives, short-circuiting left to right, specialised for two operands. */
final class Logic {
    static final FlowMatcher ALWAYS = flow -> true;
    static final FlowMatcher NEVER = flow -> false;

    private Logic() {
    }

    static FlowMatcher not(FlowMatcher operand) {
        return flow -> !operand.test(flow);
    }

    static FlowMatcher and(List<FlowMatcher> operands) {
        if (operands.size() == 2) {
            FlowMatcher a = operands.get(0);
            FlowMatcher b = operands.get(1);
            return flow -> a.test(flow) && b.test(flow);
        }
        FlowMatcher[] all = operands.toArray(FlowMatcher[]::new);
        return flow -> {
            for (FlowMatcher m : all) {
                if (!m.test(flow)) {
                    return false;
                }
            }
            return true;
        };
    }

    static FlowMatcher or(List<FlowMatcher> operands) {
        if (operands.size() == 2) {
            FlowMatcher a = operands.get(0);
            FlowMatcher b = operands.get(1);
            return flow -> a.test(flow) || b.test(flow);
        }
        FlowMatcher[] all = operands.toArray(FlowMatcher[]::new);
        return flow -> {
            for (FlowMatcher m : all) {
                if (m.test(flow)) {
                    return true;
                }
            }
            return false;
        };
    }
}
