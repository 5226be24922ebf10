package dev.mitm4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method of a {@link WithMitmProxy} test class (or a superclass) that customises the
 * proxy before it starts. Its parameters may be, in any order, a {@code ProxyServer.Builder} and an
 * {@code Options.Builder}; the latter already holds the annotation's options, and is built and
 * handed to the server builder after every such method ran. Methods run superclass first, in
 * JUnit's deterministic order; an exception fails the test with that exception.
 *
 * <pre>{@code
 * @SetUpProxy
 * static void setUp(ProxyServer.Builder server, Options.Builder options) {
 *     options.set("anticache", "true");
 *     server.addon(Addon.onResponse("brand", f -> f.response().headers().set("x-via", "t")));
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SetUpProxy {}
