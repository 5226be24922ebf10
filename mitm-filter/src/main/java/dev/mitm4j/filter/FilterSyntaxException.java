package dev.mitm4j.filter;

/**
 * Thrown by {@link FlowFilter#parse(String)} when an expression is not a valid filter expression.
 *
 * <p>The exception names the problem ({@link #reason()}), the offset of the character where the
 * parser failed ({@link #offset()}, counted in UTF-16 chars from 0) and the whole expression
 * ({@link #expression()}). {@link #getMessage()} puts these together and draws a caret under the
 * failing column, ready to print in a terminal:
 *
 * <pre>
 * Unknown operator ~x at offset 5
 * ~q &amp; ~x foo
 *      ^
 * </pre>
 *
 * <p>Tabs, carriage returns and line feeds in the expression are shown as spaces in the message
 * so that the caret stays aligned. Instances are immutable and safe to share between threads.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String expression;
    private final int offset;

    /**
     * Creates an exception.
     *
     * @param reason what is wrong, without the offset (e.g. {@code "Unknown operator ~x"})
     * @param expression the whole expression that failed to parse
     * @param offset where the failure is, {@code 0 <= offset <= expression.length()}
     * @throws IllegalArgumentException if {@code offset} is outside the expression
     */
    public FilterSyntaxException(String reason, String expression, int offset) {
        super(format(reason, expression, offset));
        if (offset < 0 || offset > expression.length()) {
            throw new IllegalArgumentException(
                    "offset " + offset + " outside 0.." + expression.length());
        }
        this.reason = reason;
        this.expression = expression;
        this.offset = offset;
    }

    /** {@return what is wrong, without the offset and the caret} */
    public String reason() {
        return reason;
    }

    /** {@return the whole expression that failed to parse} */
    public String expression() {
        return expression;
    }

    /** {@return the offset of the failing character (the expression's length at its end)} */
    public int offset() {
        return offset;
    }

    private static String format(String reason, String expression, int offset) {
        StringBuilder shown = new StringBuilder(expression.length());
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            shown.append(c == '\t' || c == '\r' || c == '\n' ? ' ' : c);
        }
        int caret = Math.clamp(offset, 0, expression.length());
        return reason + " at offset " + offset + "\n" + shown + "\n" + " ".repeat(caret) + "^";
    }
}
