package dev.mitm4j.core.internal.addons;

/**
 * A malformed spec: the message names the option, the spec and the expected form;
 * {@link #reason()} is the short middle part, for callers that build their own message.
 */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    SpecException(String option, String spec, String reason) {
        super("Invalid value \"" + spec + "\" for option " + option + ": " + reason
                + "; expected " + SpecForms.of(option));
        this.reason = reason;
    }

    /** {@return why the spec is malformed, e.g. "expected 2 or 3 parts, got 1"} */
    public String reason() {
        return reason;
    }
}
