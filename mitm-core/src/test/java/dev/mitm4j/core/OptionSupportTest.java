package dev.mitm4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.internal.options.OptionDef;
import dev.mitm4j.core.internal.options.OptionTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No option is accepted and then silently ignored: every option of the table is honoured (and
 * then examples' {@code OptionReadersTest} finds what reads it), a documented no-op (its help says
 * "Has no effect in mitm4j: ..."), or rejects every value but its default with "... is not
 * supported by mitm4j: why", as its {@link OptionDef.Support} in {@link OptionTable} declares.
 */
class OptionSupportTest {
    static Stream<Options.Description> options() {
        return Options.describe().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void everyOptionIsHonouredDocumentedOrRejectsOtherValues(Options.Description option) {
        String name = option.name();
        OptionDef.Support support = OptionTable.all().get(name).support();
        switch (support) {
            case HONOURED -> {
                assertFalse(option.help().contains(OptionTable.NO_EFFECT), name);
                assertFalse(option.help().contains("mitm4j supports only the default"), name);
            }
            case NO_EFFECT -> {
                assertTrue(option.help().contains(OptionTable.NO_EFFECT), option.help());
                Options.builder().set(name, nonDefault(option)).build();
            }
            case DEFAULT_ONLY -> rejectsAllButTheDefault(option);
        }
    }

    private static void rejectsAllButTheDefault(Options.Description option) {
        String name = option.name();
        String value = nonDefault(option);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set(name, value));
        assertTrue(e.getMessage().contains("option " + name + "=" + value
                + " is not supported by mitm4j: "), e.getMessage());
        assertTrue(option.help().contains("mitm4j supports only the default: "), option.help());
        assertEquals(option.defaultValue(), Options.builder().set(name, option.defaultValue())
                .build().valueAsString(name));
    }

    @Test
    void aNonDefaultValueOfAnUnsupportedOptionFailsNamingTheOptionAndWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("store_streamed_bodies", "true"));
        assertEquals("Invalid value \"true\" for option store_streamed_bodies: option "
                + "store_streamed_bodies=true is not supported by mitm4j: streamed bodies are "
                + "passed on, never kept; expected its default, false", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Options.builder().set("rawtcp", "toggle"));
        assertTrue(Options.builder().set("rawtcp", "true").build().rawtcp());
    }

    /** {@return a value of {@code option}'s type other than its default} */
    private static String nonDefault(Options.Description option) {
        String dflt = option.defaultValue();
        if (!option.choices().isEmpty()) {
            return option.choices().stream().filter(c -> !c.equalsIgnoreCase(dflt)).findFirst()
                    .orElseThrow();
        }
        return switch (option.type()) {
            case "bool" -> dflt.equals("true") ? "false" : "true";
            case "int" -> Integer.toString(Integer.parseInt(dflt) + 1);
            case "Optional[int]" -> "1";
            case "Sequence[str]" -> "x";
            default -> dflt.isEmpty() ? "x" : dflt + "x";
        };
    }
}
