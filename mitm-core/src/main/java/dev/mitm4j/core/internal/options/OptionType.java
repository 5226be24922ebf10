package dev.mitm4j.core.internal.options;

import dev.mitm4j.core.ProxyMode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The value kinds of mitmproxy's options and their {@code --set} syntax. A {@code null} text means
 * "the value was omitted" ({@code --set anticache}), which mitmproxy reads as {@code true} for
 * booleans, "none" for optional values and the empty list for sequences.
 */
public enum OptionType {
    /** {@code true}, {@code false}, {@code toggle}, or omitted (= true). */
    BOOL("bool", "true, false or toggle"),
    /** A decimal integer. */
    INT("int", "an integer"),
    /** A decimal integer, or empty for "none". */
    OPTIONAL_INT("Optional[int]", "an integer, or empty for none"),
    /** Any text (restricted to the choices when the option has some). */
    STR("str", "a string"),
    /** Any text, or empty for "none". */
    OPTIONAL_STR("Optional[str]", "a string, or empty for none"),
    /** A size in binary units, or empty for "none"; held as a {@link Long} byte count. */
    SIZE("Optional[str]", Sizes.FORM + ", or empty for none"),
    /** A size in binary units that must be given; held as a {@link Long} byte count. */
    BYTES("str", Sizes.FORM),
    /** A list of strings; given once per element. */
    SEQUENCE("Sequence[str]", "a string; repeat the option to give several"),
    /** The {@code mode} option: a list of {@link ProxyMode}. */
    MODES("Sequence[str]", ProxyMode.FORMS + "; repeat the option to run several");

    private final String typeName;
    private final String form;

    OptionType(String typeName, String form) {
        this.typeName = typeName;
        this.form = form;
    }

    /** {@return mitmproxy's name of the type, as {@code --options} shows it} */
    public String typeName() {
        return typeName;
    }

    /** {@return the accepted form of a value, for messages} */
    public String form() {
        return form;
    }

    /**
     * {@return the typed value {@code text} stands for}
     *
     * @param current the option's value before this call ({@code toggle} flips it)
     * @throws IllegalArgumentException with a short reason when the text has the wrong form
     */
    @Nullable Object parse(@Nullable String text, @Nullable Object current) {
        return switch (this) {
            case BOOL -> parseBool(text, current);
            case INT -> parseInt(required(text));
            case OPTIONAL_INT -> isNone(text) ? null : parseInt(text);
            case STR -> required(text);
            case OPTIONAL_STR -> isNone(text) ? null : text;
            case SIZE -> isNone(text) ? null : Sizes.parse(text);
            case BYTES -> Sizes.parse(required(text));
            case SEQUENCE -> text == null ? List.of() : List.of(text);
            case MODES -> text == null ? List.of() : List.of(ProxyMode.parse(text));
        };
    }

    /** {@return {@code current} with the element(s) of {@code text} appended} (sequences only) */
    Object append(@Nullable Object current, String text) {
        List<Object> list = new ArrayList<>(current == null ? List.of() : (List<?>) current);
        Object parsed = parse(text, null);
        list.addAll((List<?>) parsed);
        return List.copyOf(list);
    }

    /** {@return a value in the syntax {@link #parse} accepts, {@code ""} for none} */
    String format(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.toString();
        }
        return value.toString();
    }

    private static boolean isNone(@Nullable String text) {
        return text == null || text.isEmpty();
    }

    private static String required(@Nullable String text) {
        if (text == null) {
            throw new IllegalArgumentException("a value is required");
        }
        return text;
    }

    private static Boolean parseBool(@Nullable String text, @Nullable Object current) {
        if (text == null || text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        if (text.equals("toggle")) {
            return !Boolean.TRUE.equals(current);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Integer parseInt(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
    }
}
