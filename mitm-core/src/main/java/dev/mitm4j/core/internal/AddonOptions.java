package dev.mitm4j.core.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import java.util.List;
import java.util.function.Predicate;

/**
 * Options that only an addon of mitm-replay acts on ({@code server_replay}, {@code
 * save_stream_file}, {@code hardump}): mitm-core does not depend on that module, so a server
 * started with such an option set but without its addon would silently ignore it. Checked by
 * {@code ProxyServer.start()}, like {@link ClientReplayOption} for {@code client_replay}.
 * Stateless.
 */
public final class AddonOptions {
    private record Needed(String option, Predicate<Options> set, String addon) {}

    private static final List<Needed> NEEDED = List.of(
            new Needed("server_replay", o -> !o.serverReplay().isEmpty(),
                    "dev.mitm4j.replay.ServerPlayback"),
            new Needed("save_stream_file", o -> o.saveStreamFile() != null,
                    "dev.mitm4j.replay.SaveStream"),
            new Needed("hardump", o -> !o.hardump().isEmpty(), "dev.mitm4j.replay.HarDump"));

    private AddonOptions() {}

    /**
     * Checks that every set option of the list above has its addon (that class or a subclass).
     *
     * @throws IllegalStateException naming the option and the addon to add
     */
    public static void check(Options options, List<Addon> addons) {
        for (Needed needed : NEEDED) {
            if (needed.set().test(options) && !present(addons, needed.addon())) {
                throw new IllegalStateException("the option " + needed.option() + " is set but "
                        + "no addon acts on it: add mitm-replay's " + needed.addon()
                        + " to the ProxyServer builder");
            }
        }
    }

    private static boolean present(List<Addon> addons, String className) {
        for (Addon addon : addons) {
            for (Class<?> c = addon.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(className)) {
                    return true;
                }
            }
        }
        return false;
    }
}
