package dev.mitm4j.testkit.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;
import java.util.function.Consumer;

/**
 * The testkit's recording addon: hands each HTTP flow to {@code sink} once it is finished, with
 * its response or with its error (never both, as {@link Addon} promises), so a ring sees every
 * flow exactly once. Add it last, so it sees the flow as the other addons left it.
 *
 * <p>Threads: {@code sink} is called on the proxy's connection threads, concurrently.
 */
public final class Recorder {
    private Recorder() {}

    /** {@return an addon named {@code testkit-recorder} that hands finished flows to {@code sink}} */
    public static Addon of(Consumer<HttpFlow> sink) {
        return new Addon() {
            @Override
            public String name() {
                return "testkit-recorder";
            }

            @Override
            public void response(HttpFlow flow) {
                sink.accept(flow);
            }

            @Override
            public void error(HttpFlow flow) {
                sink.accept(flow);
            }
        };
    }
}
