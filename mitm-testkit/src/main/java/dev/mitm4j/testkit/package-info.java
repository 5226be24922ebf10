/**
 * JUnit 5 extension, recorded flows, client helpers and crafted responses for tests.
 */
@NullMarked
package dev.mitm4j.testkit;

import org.jspecify.annotations.NullMarked;
