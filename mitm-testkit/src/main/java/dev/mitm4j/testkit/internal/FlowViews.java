package dev.mitm4j.testkit.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.testkit.RecordedFlows;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records each finished flow of one proxy into the proxy's own ring ({@link #all()}) and into
 * the ring of every test that is running at that moment ({@link #open()}), so that a test method
 * sharing a class-level proxy sees its own flows, not those of the tests before it.
 *
 * <p>Threads: the proxy records from its connection threads while tests open and close views.
 */
final class FlowViews {
    private final RecordedFlows all;
    private final CopyOnWriteArrayList<RecordedFlows> open = new CopyOnWriteArrayList<>();

    FlowViews(RecordedFlows all) {
        this.all = all;
    }

    /** {@return every flow of the proxy, in a ring of the proxy's capacity} */
    RecordedFlows all() {
        return all;
    }

    /** {@return an addon that records into every ring; added last so it sees final flows} */
    Addon addon() {
        return Recorder.of(this::record);
    }

    private void record(HttpFlow flow) {
        for (RecordedFlows view : open) {
            view.record(flow);
        }
        all.record(flow);
    }

    /** {@return a ring, of the proxy's capacity, that records from now until closed} */
    View open() {
        View view = new View(new RecordedFlows(all.capacity()));
        open.add(view.flows);
        return view;
    }

    /** One test's flows, kept in its store: JUnit closes it when the test is done. */
    final class View implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        final RecordedFlows flows;

        private View(RecordedFlows flows) {
            this.flows = flows;
        }

        /** Stops recording into this test's ring. */
        @Override
        public void close() {
            open.remove(flows);
        }
    }
}
