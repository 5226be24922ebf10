package dev.mitm4j.filter.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The syntax tree of a filter expression, as produced by {@link Parser}. Immutable.
 *
 * <p>{@code toString()} renders a canonical form with explicit parentheses around every binary
 * node, e.g. {@code (~a & (~b "x" | !~c 200))}. Tests use it to check how an expression was read.
 */
public sealed interface Expr {

    /**
     * One operator with its argument.
     *
     * @param operator which operator
     * @param argument the regex as the user wrote it (after quote processing) or the digits of an
     *     integer argument; null for operators without an argument
     * @param pattern the compiled regex; null when the operator takes none, and when the
     *     argument is a plain literal (see {@link LiteralSearch#literalOf}), which needs none
     * @param number the integer argument ({@code -1} when it does not fit an int); 0 otherwise
     * @param offset where the operator starts in the expression
     */
    record Op(Operator operator, @Nullable String argument, @Nullable Pattern pattern, int number,
            int offset) implements Expr {
        @Override
        public String toString() {
            return switch (operator.arg()) {
                case NONE -> "~" + operator.code();
                case REGEX -> "~" + operator.code() + " \"" + argument + "\"";
                case INT -> "~" + operator.code() + " " + argument;
            };
        }
    }

    /**
     * Logical negation.
     *
     * @param operand what is negated
     */
    record Not(Expr operand) implements Expr {
        @Override
        public String toString() {
            return "!" + operand;
        }
    }

    /**
     * Logical conjunction, evaluated left to right.
     *
     * @param operands two or more
     */
    record And(List<Expr> operands) implements Expr {
        /** Copies the operands. */
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Expr::toString)
                    .collect(Collectors.joining(" & ", "(", ")"));
        }
    }

    /**
     * Logical disjunction, evaluated left to right.
     *
     * @param operands two or more
     */
    record Or(List<Expr> operands) implements Expr {
        /** Copies the operands. */
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public String toString() {
            return operands.stream().map(Expr::toString)
                    .collect(Collectors.joining(" | ", "(", ")"));
        }
    }
}
