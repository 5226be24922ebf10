package dev.mitm4j.testkit.internal;

import dev.mitm4j.testkit.WithMitmProxy;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a {@code @WithMitmProxy(jvmWide = true)} class or method exclusive use of JUnit's
 * {@link Resources#SYSTEM_PROPERTIES}, so parallel runs never see each other's proxy settings.
 */
public final class JvmWideLocks implements ResourceLocksProvider {

    /** Called by JUnit. */
    public JvmWideLocks() {}

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return locksFor(AnnotationSupport.findAnnotation(testClass, WithMitmProxy.class)
                .map(WithMitmProxy::jvmWide).orElse(false));
    }

    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes,
            Class<?> testClass) {
        return provideForClass(testClass);
    }

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass,
            Method testMethod) {
        return locksFor(AnnotationSupport.findAnnotation(testMethod, WithMitmProxy.class)
                .map(WithMitmProxy::jvmWide).orElse(false));
    }

    private static Set<Lock> locksFor(boolean jvmWide) {
        return jvmWide
                ? Set.of(new Lock(Resources.SYSTEM_PROPERTIES, ResourceAccessMode.READ_WRITE))
                : Set.of();
    }
}
