package dev.mitm4j.core.internal.options;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One option, declared once in {@link OptionTable} and used as its typed key: mitmproxy's name,
 * its type, default and help, the allowed choices (empty: any), an extra check on parsed values,
 * how far mitm4j supports it, and its command-line flags. Secret options never echo their value
 * in error messages. {@code T} is the type of the value {@code Options} holds for it.
 *
 * @param check throws {@link IllegalArgumentException} with a short reason for a bad parsed value
 * @param customForm the accepted form when the type's generic one says too little, or null
 * @param support whether mitm4j acts on the option (its help says so when it does not)
 * @param flags the option's flags on mitmdump's command line, or null for {@code --set} only
 */
public record OptionDef<T extends @Nullable Object>(String name, OptionType type, T defaultValue,
        String help, List<String> choices, Check check, boolean secret,
        @Nullable String customForm, Support support, @Nullable Flags flags) {

    /** How far mitm4j supports an option of mitmproxy. */
    public enum Support {
        /** Something reads it and acts on it. */
        HONOURED,
        /** Accepted, no effect; its help gives the reason after {@link OptionTable#NO_EFFECT}. */
        NO_EFFECT,
        /** Only its default is accepted; any other value fails saying why. */
        DEFAULT_ONLY
    }

    /** {@return this option with command-line {@code flags}} */
    public OptionDef<T> withFlags(Flags flags) {
        if (flags.isSwitch() != (type == OptionType.BOOL)) {
            throw new IllegalArgumentException(name + ": switches are for bool options only");
        }
        return new OptionDef<>(name, type, defaultValue, help, choices, check, secret, customForm,
                support, flags);
    }

    /** {@return this option with {@code support}} */
    OptionDef<T> withSupport(Support support) {
        return new OptionDef<>(name, type, defaultValue, help, choices, check, secret, customForm,
                support, flags);
    }

    /** {@return {@code value}, a value of this option held by {@code Options}, as {@code T}} */
    @SuppressWarnings("unchecked")
    public T cast(@Nullable Object value) {
        return (T) value;
    }

    /** An extra check on a parsed value; throws {@link IllegalArgumentException} with a reason. */
    @FunctionalInterface
    public interface Check {
        /** Accepts everything. */
        Check NONE = value -> {};

        /** Checks a parsed value (never called with {@code null}). */
        void check(Object value);

        /** {@return the accepted form when it is narrower than the type's, else null} */
        default @Nullable String form() {
            return null;
        }
    }

    /** {@return the accepted form of this option's values, for messages and {@code --options}} */
    public String form() {
        if (customForm != null) {
            return customForm;
        }
        if (!choices.isEmpty()) {
            return "one of " + String.join(", ", choices);
        }
        if (check.form() != null) {
            return check.form();
        }
        return type.form();
    }

    /** {@return {@code value} formatted as {@code --set} accepts it ({@code ""} for none)} */
    public String format(@Nullable Object value) {
        return type.format(value);
    }

    /**
     * {@return the typed value for {@code text}}
     *
     * @throws IllegalArgumentException naming this option, the accepted form and the reason
     */
    public @Nullable Object parse(@Nullable String text, @Nullable Object current) {
        try {
            Object value = type.parse(text, current);
            validate(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** {@return {@code current} with {@code text} appended}; sequences only */
    public Object append(@Nullable Object current, String text) {
        if (type != OptionType.SEQUENCE && type != OptionType.MODES) {
            throw new IllegalArgumentException("Option " + name + " is not a sequence ("
                    + type.typeName() + "); use set(\"" + name + "\", value)");
        }
        try {
            Object value = type.append(current, text);
            validate(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private void validate(@Nullable Object value) {
        if (value == null) {
            return;
        }
        if (!choices.isEmpty() && !choices.contains(value.toString().toLowerCase(Locale.ROOT))
                && !choices.contains(value.toString())) {
            throw new IllegalArgumentException("not one of the choices");
        }
        check.check(value);
    }

    private IllegalArgumentException invalid(@Nullable String text, @Nullable String reason) {
        String shown = text == null ? "(omitted)" : secret ? "(hidden)" : '"' + text + '"';
        return new IllegalArgumentException("Invalid value " + shown + " for option " + name
                + (reason == null ? "" : ": " + reason) + "; expected " + form());
    }
}
