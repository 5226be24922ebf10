package dev.mitm4j.testkit.pathod;

/**
 * A spec that does not parse. {@link #getMessage()} names the problem and draws a caret under the
 * failing column of the spec.
 */
public final class PathodSpecException extends IllegalArgumentException {
    private final String spec;
    private final int offset;

    PathodSpecException(String problem, String spec, int offset) {
        super(problem + " at offset " + offset + "\n" + spec + "\n" + " ".repeat(offset) + "^");
        this.spec = spec;
        this.offset = offset;
    }

    /** {@return the spec that failed} */
    public String spec() {
        return spec;
    }

    /** {@return the offset of the failure in {@link #spec()}} */
    public int offset() {
        return offset;
    }
}
