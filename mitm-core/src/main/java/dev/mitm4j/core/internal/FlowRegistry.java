package dev.mitm4j.core.internal;

import dev.mitm4j.http.Flow;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The flows in progress on one server, found through {@link LiveFlow}, so that
 * {@link dev.mitm4j.core.FlowMaster} can list them and close a killed flow's sockets, and the
 * {@link BodyBudget} their buffered bodies share. Thread-safe.
 */
public final class FlowRegistry {
    private final BodyBudget bodyBudget;

    public FlowRegistry(BodyBudget bodyBudget) {
        this.bodyBudget = bodyBudget;
    }

    /** {@return the memory budget of the bodies buffered by these flows} */
    public BodyBudget bodyBudget() {
        return bodyBudget;
    }

    /** {@return a snapshot of the flows in progress} */
    public List<Flow> live() {
        return LiveFlow.flowsOf(this);
    }

    /** {@return the flows in progress that wait for resume or kill} */
    public List<Flow> intercepted() {
        List<Flow> result = new ArrayList<>();
        for (Flow f : live()) {
            if (f.intercepted()) {
                result.add(f);
            }
        }
        return result;
    }

    /** {@return the connection {@code flow} runs on, or null when it is not in progress here} */
    public @Nullable Connection connectionOf(Flow flow) {
        LiveFlow live = LiveFlow.of(flow);
        return live != null && live.owner() == this ? live.connection() : null;
    }
}
