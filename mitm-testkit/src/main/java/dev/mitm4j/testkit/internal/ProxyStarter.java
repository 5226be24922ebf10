package dev.mitm4j.testkit.internal;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.SetUpProxy;
import dev.mitm4j.testkit.WithMitmProxy;
import dev.mitm4j.tls.CertificateAuthority;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Turns a {@link WithMitmProxy} and the test class's {@link SetUpProxy} methods into a started
 * {@link MitmProxy}. The order: listen on 127.0.0.1:0, the annotation's modes, options, confdir,
 * addons, then the set-up methods, then the recorder of {@link FlowViews} (last, so it records
 * final flows).
 */
final class ProxyStarter {
    private ProxyStarter() {}

    static MitmProxy start(WithMitmProxy spec, Class<?> testClass, FlowViews views) {
        Options.Builder options = Options.builder()
                .set("listen_host", "127.0.0.1")
                .set("listen_port", "0");
        if (spec.modes().length > 0) {
            options.setAll("mode", List.of(spec.modes()));
        }
        String confdir = spec.confdir();
        for (String option : spec.options()) {
            int eq = option.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(
                        "@WithMitmProxy options: expected name=value, got: " + option);
            }
            String name = option.substring(0, eq).trim();
            String value = option.substring(eq + 1);
            options.set(name, value);
            if (name.equals("confdir")) {
                confdir = value;
            }
        }
        CertificateAuthority ca = confdir.isEmpty()
                ? RunCa.temporary() : RunCa.fixed(RunCa.expand(confdir));
        options.set("confdir", ca.confdir().toString());

        ProxyServer.Builder server = ProxyServer.builder();
        for (Class<? extends Addon> type : spec.addons()) {
            server.addon(ReflectionSupport.newInstance(type));
        }
        runSetUpMethods(testClass, server, options);
        server.options(options.build());
        server.addon(views.addon());
        return new MitmProxy(server.build().start(), ca.certificate(), views.all());
    }

    private static void runSetUpMethods(Class<?> testClass, ProxyServer.Builder server,
            Options.Builder options) {
        List<Method> methods = AnnotationSupport.findAnnotatedMethods(testClass, SetUpProxy.class,
                HierarchyTraversalMode.TOP_DOWN);
        for (Method m : methods) {
            if (!Modifier.isStatic(m.getModifiers())) {
                throw new IllegalStateException("@SetUpProxy method must be static: " + m);
            }
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                if (types[i] == ProxyServer.Builder.class) {
                    args[i] = server;
                } else if (types[i] == Options.Builder.class) {
                    args[i] = options;
                } else {
                    throw new IllegalStateException("@SetUpProxy method " + m.getName()
                            + ": parameters may be ProxyServer.Builder or Options.Builder, not "
                            + types[i].getName());
                }
            }
            ReflectionSupport.invokeMethod(m, null, args);
        }
    }
}
