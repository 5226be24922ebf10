package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.internal.tls.Onboarding;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in addons, in the order they run (before the user's addons, as mitmproxy loads its
 * defaults first). Only those whose option is on are added, since options never change on a
 * running server. The one place to add a built-in addon.
 */
public final class DefaultAddons {
    private DefaultAddons() {}

    /** {@return the built-in addons {@code options} switch on; the table of contents} */
    public static List<Addon> forOptions(Options options) {
        List<Addon> addons = new ArrayList<>();
        if (options.anticache()) {
            addons.add(new AntiCache());        // drop conditional headers: full responses
        }
        if (options.anticomp()) {
            addons.add(new AntiComp());         // ask servers for uncompressed bodies
        }
        if (options.onboarding()) {
            addons.add(new Onboarding(options)); // http://mitm.it/: install steps and the CA
        }
        return addons;
    }
}
