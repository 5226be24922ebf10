package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyMode;
import dev.mitm4j.core.internal.tls.Onboarding;
import dev.mitm4j.filter.FlowFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in traffic addons, in the order of mitmproxy's {@code addons.default_addons()}
 * (BlockList, AntiCache, AntiComp, ..., Onboarding, ..., MapRemote, MapLocal, ModifyBody,
 * ModifyHeaders,
 * StickyAuth, StickyCookie, ..., UpstreamAuth, UpdateAltSvc; Intercept comes last, as the
 * interactive masters add it after the defaults), so that combinations behave alike: a blocked
 * request is never mapped, map_remote rewrites the URL before map_local looks at it, and so on.
 * Only the addons whose options are on are installed. User addons run after all of these.
 */
public final class DefaultAddons {
    private DefaultAddons() {}

    /**
     * {@return the built-in addons {@code options} turn on, in event order}
     *
     * @throws IllegalArgumentException for a malformed spec or filter, naming the option
     */
    public static List<Addon> forOptions(Options o) {
        List<Addon> addons = new ArrayList<>();
        when(!o.blockList().isEmpty(), addons, () -> new BlockList(o.blockList()));
        when(o.anticache(), addons, AntiCache::new);
        when(o.anticomp(), addons, AntiComp::new);
        when(o.onboarding(), addons, () -> new Onboarding(o));   // http://mitm.it/
        when(!o.mapRemote().isEmpty(), addons, () -> new MapRemote(o.mapRemote()));
        when(!o.mapLocal().isEmpty(), addons, () -> new MapLocal(o.mapLocal()));
        when(!o.modifyBody().isEmpty(), addons,
                () -> new ModifyBody(o.modifyBody(), o.streamLargeBodies()));
        when(!o.modifyHeaders().isEmpty(), addons, () -> new ModifyHeaders(o.modifyHeaders()));
        when(o.stickyauth() != null, addons,
                () -> new StickyAuth(filter("stickyauth", o.stickyauth())));
        when(o.stickycookie() != null, addons,
                () -> new StickyCookie(filter("stickycookie", o.stickycookie())));
        when(o.upstreamAuth() != null, addons, () -> new UpstreamAuth(o.upstreamAuth()));
        when(!o.keepAltSvcHeader() && reverse(o), addons, UpdateAltSvc::new);
        when(o.intercept() != null, addons,
                () -> new Intercept(filter("intercept", o.intercept())));
        return List.copyOf(addons);
    }

    private static void when(boolean on, List<Addon> addons,
            java.util.function.Supplier<Addon> addon) {
        if (on) {
            addons.add(addon.get());
        }
    }

    private static boolean reverse(Options o) {
        return o.mode().stream().anyMatch(m -> m instanceof ProxyMode.Reverse);
    }

    /** {@return {@code expression} compiled; errors name {@code option}} */
    static FlowFilter filter(String option, String expression) {
        try {
            return FlowFilter.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value \"" + expression + "\" for option "
                    + option + ": " + e.getMessage() + "; expected a filter expression", e);
        }
    }
}
