package dev.mitm4j.core.internal.options;

import dev.mitm4j.core.internal.addons.SpecForms;
import dev.mitm4j.core.internal.options.OptionDef.Check;
import dev.mitm4j.core.internal.options.OptionDef.Support;
import dev.mitm4j.tls.internal.engine.CipherSuites;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The kinds of option {@link OptionTable} declares, with their checks. */
final class Defs {
    private Defs() {}

    /**
     * {@return {@code d} accepting only its default}: for options of features mitm4j lacks, so
     * that mitmdump command lines giving the default keep working and any other value fails
     */
    static <T> OptionDef<T> defaultOnly(OptionDef<T> d, String why) {
        Object dflt = d.defaultValue();
        Check check = value -> {
            if (!value.equals(dflt)) {
                throw new IllegalArgumentException("option " + d.name() + "=" + d.format(value)
                        + " is not supported by mitm4j: " + why);
            }
        };
        return new OptionDef<>(d.name(), d.type(), d.defaultValue(), d.help() + " mitm4j supports "
                + "only the default: " + why + ".", d.choices(), check, d.secret(),
                "its default, " + d.format(dflt), Support.DEFAULT_ONLY, null);
    }

    static OptionDef<@Nullable String> ciphers(String name, String help) {
        return def(name, OptionType.OPTIONAL_STR, null, help, new Check() {
            @Override
            public void check(Object value) {
                CipherSuites.parse((String) value);
            }

            @Override
            public String form() {
                return CipherSuites.form();
            }
        });
    }

    static <T extends @Nullable Object> OptionDef<T> def(String name, OptionType type, T dflt,
            String help, Check check) {
        return new OptionDef<>(name, type, dflt, help, List.of(), check, false, null,
                Support.HONOURED, null);
    }

    static OptionDef<Integer> integer(String name, int dflt, String help, Check check) {
        return def(name, OptionType.INT, dflt, help, check);
    }

    static OptionDef<@Nullable Integer> optInt(String name, String help, Check check) {
        return def(name, OptionType.OPTIONAL_INT, null, help, check);
    }

    static OptionDef<Boolean> bool(String name, boolean dflt, String help) {
        return def(name, OptionType.BOOL, dflt, help, Check.NONE);
    }

    static OptionDef<String> str(String name, String dflt, String help) {
        return def(name, OptionType.STR, dflt, help, Check.NONE);
    }

    static OptionDef<@Nullable String> optStr(String name, String help) {
        return def(name, OptionType.OPTIONAL_STR, null, help, Check.NONE);
    }

    /** A sequence of specs in the shared spec syntax, each checked when it is set. */
    static OptionDef<List<String>> spec(String name, String help) {
        return def(name, OptionType.SEQUENCE, List.of(), help, new Check() {
            @Override
            public void check(Object value) {
                SpecForms.check(name, (Iterable<?>) value);
            }

            @Override
            public String form() {
                return SpecForms.of(name);
            }
        });
    }

    /** An optional filter expression, checked when it is set. */
    static OptionDef<@Nullable String> filter(String name, String help) {
        return def(name, OptionType.OPTIONAL_STR, null, help, new Check() {
            @Override
            public void check(Object value) {
                dev.mitm4j.filter.FlowFilter.parse((String) value);
            }

            @Override
            public String form() {
                return "a filter expression such as \"~d example.com & ~m GET\"";
            }
        });
    }

    /** An optional secret, never echoed in messages, with an extra check and its form. */
    static OptionDef<@Nullable String> secret(String name, String help, Check check,
            @Nullable String form) {
        return new OptionDef<>(name, OptionType.OPTIONAL_STR, null, help, List.of(), check, true,
                form, Support.HONOURED, null);
    }

    /** A required size of at least one byte that fits an {@code int}. */
    static OptionDef<Long> bytes(String name, int dflt, String help) {
        return def(name, OptionType.BYTES, (long) dflt, help + " Default: " + Sizes.format(dflt)
                + ".", value -> {
                    long v = (Long) value;
                    if (v < 1 || v > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("out of range 1.." + Integer.MAX_VALUE);
                    }
                });
    }

    static OptionDef<@Nullable Long> size(String name, String help) {
        return def(name, OptionType.SIZE, null, help, Check.NONE);
    }

    static OptionDef<List<String>> seq(String name, String help) {
        return def(name, OptionType.SEQUENCE, List.of(), help, Check.NONE);
    }

    static OptionDef<String> choice(String name, String dflt, List<String> choices, String help) {
        return new OptionDef<>(name, OptionType.STR, dflt, help, choices, Check.NONE, false, null,
                Support.HONOURED, null);
    }

    static Check range(int min, int max) {
        return value -> {
            int v = (Integer) value;
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range " + min + ".." + max);
            }
        };
    }

    /** A check that accepts {@code a} and {@code b} only. */
    static Check only(int a, int b) {
        return value -> {
            if ((Integer) value != a && (Integer) value != b) {
                throw new IllegalArgumentException("only " + a + " and " + b + " are allowed");
            }
        };
    }

    static void checkIpLiteral(Object value) {
        String address = (String) value;
        if (!address.matches("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?")) {
            throw new IllegalArgumentException("not an IP address");
        }
    }

    static void checkProxyauth(Object value) {
        String spec = (String) value;
        if (spec.startsWith("ldap:") || spec.startsWith("ldaps:")) {
            throw new IllegalArgumentException("LDAP authentication is not supported by mitm4j");
        }
        if (!spec.equals("any") && !spec.startsWith("@")) {
            checkUserPass(spec);
        }
    }

    static void checkUserPass(Object value) {
        String spec = (String) value;
        if (spec.indexOf(':') <= 0) {
            throw new IllegalArgumentException("expected user:pass");
        }
    }
}
