package dev.mitm4j.core.internal.options;

import java.util.ArrayList;
import java.util.List;

/**
 * The command-line flags of one option, as mitmdump spells them, and the line {@code --help}
 * shows for them. A bool option's flags are switches: each sets it to true, and each long one
 * has a {@code --no-} form that sets it to false; {@code negations} are further flags that set it
 * to false ({@code -n} for {@code server}). Any other option's flags take a value, written
 * {@code metavar} in the usage.
 *
 * @param names the flags, short ones first ({@code -p}, {@code --listen-port})
 * @param metavar the value's placeholder in the usage; empty for a switch
 * @param usage the usage line's help; may be empty
 * @param negations flags other than the {@code --no-} forms that set a bool option to false
 */
public record Flags(List<String> names, String metavar, String usage, List<String> negations) {
    public Flags {
        names = List.copyOf(names);
        negations = List.copyOf(negations);
        if (names.isEmpty() && negations.isEmpty()) {
            throw new IllegalArgumentException("no flag");
        }
    }

    /** {@return flags taking a value written {@code metavar}: {@code -p, --listen-port PORT}} */
    public static Flags value(String metavar, String usage, String... names) {
        return new Flags(List.of(names), metavar, usage, List.of());
    }

    /** {@return switches of a bool option, each long one with its {@code --no-} form} */
    public static Flags switches(String usage, String... names) {
        return new Flags(List.of(names), "", usage, List.of());
    }

    /** {@return these switches with {@code flags} also setting the option to false} */
    public Flags negatedBy(String... flags) {
        return new Flags(names, metavar, usage, List.of(flags));
    }

    /** {@return whether these flags are switches (of a bool option)} */
    public boolean isSwitch() {
        return metavar.isEmpty();
    }

    /** {@return the flags that set a bool option to false: {@link #negations}, then --no- forms} */
    public List<String> negative() {
        List<String> all = new ArrayList<>(negations);
        for (String name : names) {
            if (name.startsWith("--")) {
                all.add("--no-" + name.substring(2));
            }
        }
        return List.copyOf(all);
    }

    /** {@return the flags as the usage lists them: {@code -p, --listen-port PORT}} */
    public String invocation() {
        if (isSwitch()) {
            List<String> all = new ArrayList<>(names);
            all.addAll(negative());
            return String.join(", ", all);
        }
        return String.join(", ", names) + " " + metavar;
    }
}
