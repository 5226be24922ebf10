@NullMarked
package dev.mitm4j.testkit;

import org.jspecify.annotations.NullMarked;
