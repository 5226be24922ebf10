package dev.mitm4j.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.internal.options.Flags;
import dev.mitm4j.core.internal.options.OptionDef;
import dev.mitm4j.core.internal.options.OptionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code -h} and {@code --options} are derived from the option table and leave none out. */
class UsageTest {
    @Test
    void usageShowsEveryOptionByItsFlagsOrItsName() {
        String usage = CommandLine.usage();
        List<String> missing = new ArrayList<>();
        for (OptionDef<?> def : OptionTable.all().values()) {
            Flags flags = def.flags();
            String shown = flags == null ? def.name() : flags.invocation();
            if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(shown) + "(?![\\w-])")
                    .matcher(usage).find()) {
                missing.add(shown);
            }
        }
        assertEquals(List.of(), missing, usage);
        assertTrue(usage.contains("  -p, --listen-port PORT\n"), usage);
        assertTrue(usage.contains("  -k, --ssl-insecure, --no-ssl-insecure\n"), usage);
    }

    @Test
    void optionsListsEveryOptionWithItsDefault() {
        String listing = OptionsListing.render();
        List<String> listed = new ArrayList<>();
        Matcher entry = Pattern.compile("(?m)^([a-z0-9_]+):").matcher(listing);
        while (entry.find()) {
            listed.add(entry.group(1));
        }
        assertEquals(List.copyOf(OptionTable.all().keySet()), listed);
        assertTrue(listing.contains("\nlisten_host: 127.0.0.1\n"), listing);
    }

    /** Every flag of the table reaches the option the table gives it. */
    @Test
    void everyFlagOfTheTableMapsToItsOption() {
        for (OptionDef<?> def : OptionTable.all().values()) {
            Flags flags = def.flags();
            if (flags == null || flags.isSwitch()) {
                continue;
            }
            for (String flag : flags.names()) {
                assertEquals(def.name(), CommandLine.VALUE_FLAGS.get(flag), flag);
            }
        }
        assertEquals("server", CommandLine.NEGATING_FLAGS.get("-n"));
        assertEquals("ssl_insecure", CommandLine.BOOLEAN_FLAGS.get("-k"));
        assertEquals("ssl_insecure", CommandLine.NEGATING_FLAGS.get("--no-ssl-insecure"));
    }
}
