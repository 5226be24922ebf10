package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;

/** {@code anticomp}: sets {@code Accept-Encoding: identity}. */
final class AntiComp implements Addon {
    @Override
    public String name() {
        return "anticomp";
    }

    @Override
    public void request(HttpFlow flow) {
        flow.request().anticomp();
    }
}
