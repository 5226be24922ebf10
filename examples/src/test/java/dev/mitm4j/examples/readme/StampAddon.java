package dev.mitm4j.examples.readme;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;

public final class StampAddon implements Addon {
    @Override public void request(HttpFlow flow) {
        flow.request().headers().set("X-Seen-By", "mitm4j");
    }
    @Override public void response(HttpFlow flow) {
        if (flow.response().statusCode() == 404) {
            flow.response().text("not here, says mitm4j");
        }
    }
}
