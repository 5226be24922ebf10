package dev.mitm4j.testkit;

import dev.mitm4j.core.Addon;
import dev.mitm4j.testkit.internal.MitmProxyExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method with an intercepting proxy started on 127.0.0.1 and an
 * ephemeral port.
 *
 * <pre>{@code
 * @WithMitmProxy(options = "anticache=true")
 * class CheckoutTest {
 *     @Test void sendsTheCart(MitmProxy proxy, RecordedFlows flows) throws Exception {
 *         proxy.httpClient().send(request, BodyHandlers.ofString());
 *         assertEquals("POST", flows.await("~u /cart", Duration.ofSeconds(5)).request().method());
 *     }
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * On a class, one proxy serves every test of the class (and its nested classes): it starts before
 * the {@code @BeforeAll} methods and stops after the {@code @AfterAll} methods. On a method, that
 * method gets a proxy of its own, started before its {@code @BeforeEach} methods and stopped after
 * its {@code @AfterEach} methods; it shadows a class-level proxy. The proxy lives in JUnit's
 * {@code ExtensionContext.Store}, so JUnit closes it even when the test fails.
 *
 * <h2>Parameters</h2>
 * Test, lifecycle and constructor parameters of type {@link MitmProxy}, {@link RecordedFlows} and
 * {@code ProxyServer} (the running server, for its {@code FlowMaster}) are resolved to the nearest
 * proxy.
 *
 * <h2>Whose flows</h2>
 * A {@link RecordedFlows} parameter of a test method, or of its {@code @BeforeEach} and
 * {@code @AfterEach} methods, holds that test's flows: those that finished while it ran, from
 * before its {@code @BeforeEach} methods to after its {@code @AfterEach} methods. So with a
 * class-level proxy, {@code await} never returns a flow of an earlier test (tests of one class
 * that run concurrently do see each other's). Every flow of the proxy, across tests, is in
 * {@link MitmProxy#flows()}, which is also what a {@code @BeforeAll} or {@code @AfterAll}
 * parameter gets. A failing test is reported with its own flows.
 *
 * <h2>Customising</h2>
 * Static {@link SetUpProxy} methods of the test class may change the builders before start.
 *
 * <h2>Parallel execution</h2>
 * Each proxy is independent, so classes and methods may run concurrently. A {@link #jvmWide()}
 * proxy changes the whole JVM: give its class or method
 * {@code @ResourceLock(Resources.SYSTEM_PROPERTIES)} when tests run in parallel, so that JUnit
 * never runs it beside another that uses the JVM's settings; two overlapping jvmWide proxies are
 * refused (the second fails, naming both) rather than left to undo each other's settings.
 *
 * <h2>JUnit versions</h2>
 * The testkit is compiled against JUnit 5.10 and declares JUnit as {@code provided}: the test
 * project's own JUnit, 5.10 or later including 6, is the one that runs.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MitmProxyExtension.class)
@SuppressWarnings("exports") // the extension is opened to JUnit only, which instantiates it
public @interface WithMitmProxy {

    /**
     * {@return mitmproxy mode specs, one listener each (default: one regular proxy)}; for example
     * {@code "reverse:http://127.0.0.1:8081"}. {@link MitmProxy#port()} is the first mode's port.
     */
    String[] modes() default {};

    /**
     * {@return options as {@code "name=value"} with mitmproxy's names and syntax}, applied in order
     * through {@code Options.Builder.set}; a bad name or value fails the test class with the
     * option's own message. {@code listen_host} and {@code listen_port} default to 127.0.0.1:0.
     */
    String[] options() default {};

    /** {@return addon classes to instantiate (public or accessible no-arg constructor), in order} */
    Class<? extends Addon>[] addons() default {};

    /**
     * {@return whether to point the whole JVM at the proxy}: {@code http(s).proxyHost/Port},
     * {@code http.nonProxyHosts} (set empty so that loopback targets go through the proxy too),
     * the default {@code SSLContext} and {@code HttpsURLConnection}'s default socket factory (both
     * trusting the proxy's CA only). Everything is restored when the proxy stops.
     */
    boolean jvmWide() default false;

    /** {@return how many finished flows {@link RecordedFlows} keeps; older ones are evicted} */
    int maxFlows() default 1000;

    /**
     * {@return the confdir holding the CA}; empty (the default) means one CA per test run in a
     * temporary directory, created on first use and shared by every proxy of the run. A
     * {@code confdir=} entry in {@link #options()} wins over this attribute.
     */
    String confdir() default "";

    /**
     * {@return whether a virtual thread pinning its carrier while the proxy runs fails the test}
     * (JFR event {@code jdk.VirtualThreadPinned}, recorded in this JVM).
     */
    boolean failOnPinning() default false;
}
