package dev.mitm4j.core.internal.addons;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;

/** {@code anticache}: removes If-Modified-Since and If-None-Match so servers send bodies. */
final class AntiCache implements Addon {
    @Override
    public String name() {
        return "anticache";
    }

    @Override
    public void request(HttpFlow flow) {
        flow.request().anticache();
    }
}
