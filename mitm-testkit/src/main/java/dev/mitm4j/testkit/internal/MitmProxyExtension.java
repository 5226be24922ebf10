package dev.mitm4j.testkit.internal;

import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link WithMitmProxy}: starts a proxy per annotated class (before all) or
 * per annotated method (before each), keeps it in the store of that context so JUnit closes it,
 * opens a test's own view of a class-level proxy's flows (before each), resolves
 * {@link MitmProxy}, {@link RecordedFlows} and {@link ProxyServer} parameters from the nearest
 * store, appends the test's flows to its failure, and checks for pinning when asked. Stateless
 * itself, so one instance may serve parallel tests.
 */
public final class MitmProxyExtension implements BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback, ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MitmProxyExtension.class);
    private static final String KEY = "proxy";
    private static final String TEST_FLOWS = "test-flows";

    /** Called by JUnit. */
    public MitmProxyExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        AnnotationSupport.findAnnotation(type, WithMitmProxy.class)
                .ifPresent(spec -> start(context, spec, type));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<WithMitmProxy> own = AnnotationSupport.findAnnotation(
                context.getRequiredTestMethod(), WithMitmProxy.class);
        if (own.isPresent()) {
            start(context, own.get(), context.getRequiredTestClass());
            return;
        }
        ProxyResource shared = nearest(context);
        if (shared != null) {
            context.getStore(NAMESPACE).put(TEST_FLOWS, shared.views.open());
        }
    }

    private static void start(ExtensionContext context, WithMitmProxy spec, Class<?> type) {
        context.getStore(NAMESPACE).put(KEY,
                ProxyResource.start(spec, type, context.getUniqueId()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (AnnotationSupport.isAnnotated(context.getRequiredTestMethod(), WithMitmProxy.class)) {
            checkPinning(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (AnnotationSupport.isAnnotated(context.getRequiredTestClass(), WithMitmProxy.class)) {
            checkPinning(context);
        }
    }

    private static void checkPinning(ExtensionContext context) {
        ProxyResource r = nearest(context);
        if (r != null && r.pinning != null) {
            r.pinning.check();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MitmProxy.class || type == RecordedFlows.class
                || type == ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ProxyResource r = nearest(context);
        if (r == null) {
            throw new ParameterResolutionException("no proxy for " + parameter.getDeclaringExecutable()
                    + ": a method-level @WithMitmProxy starts after @BeforeAll and test"
                    + " constructors; annotate the class to use it there");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == ProxyServer.class) {
            return r.proxy.server();
        }
        return type == MitmProxy.class ? r.proxy : flows(context, r);
    }

    /** {@return the running test's own flows, else (class level) every flow of the proxy} */
    private static RecordedFlows flows(ExtensionContext context, ProxyResource r) {
        FlowViews.View view = context.getStore(NAMESPACE).get(TEST_FLOWS, FlowViews.View.class);
        return view != null ? view.flows : r.proxy.flows();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
            throws Throwable {
        ProxyResource r = nearest(context);
        if (r != null && !alreadyListed(thrown)) {
            RecordedFlows flows = flows(context, r);
            thrown.addSuppressed(new FlowsSeen(FlowLines.describe(flows.all(), flows.evicted())));
        }
        throw thrown;
    }

    private static boolean alreadyListed(Throwable thrown) {
        return String.valueOf(thrown.getMessage()).contains("flows seen (");
    }

    private static @Nullable ProxyResource nearest(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(KEY, ProxyResource.class);
    }

    /** Attached to a failing test's exception: the flows its proxy saw. */
    static final class FlowsSeen extends RuntimeException {
        FlowsSeen(String message) {
            super(message, null, false, false);
        }
    }
}
