/**
 * The JUnit extension behind {@code @WithMitmProxy} and its helpers; not an API.
 */
@NullMarked
package dev.mitm4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
