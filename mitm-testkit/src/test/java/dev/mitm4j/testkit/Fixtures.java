package dev.mitm4j.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the Jupiter engine, as the testkit's users would. */
final class Fixtures {
    private Fixtures() {}

    static EngineExecutionResults run(Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(Arrays.stream(fixtures).map(c -> selectClass(c))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    static EngineExecutionResults runParallel(Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default",
                        "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default",
                        "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy",
                        "fixed")
                .configurationParameter(
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(Arrays.stream(fixtures).map(c -> selectClass(c))
                        .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }

    /** {@return every failure's throwable with its suppressed ones, as text} */
    static String failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(Fixtures::describe)
                .collect(Collectors.joining("\n---\n"));
    }

    private static String describe(Event event) {
        Throwable t = event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow();
        StringBuilder sb = new StringBuilder(event.getTestDescriptor().getDisplayName())
                .append(": ").append(t);
        for (Throwable s : t.getSuppressed()) {
            sb.append("\nsuppressed: ").append(s.getMessage());
        }
        return sb.toString();
    }
}
