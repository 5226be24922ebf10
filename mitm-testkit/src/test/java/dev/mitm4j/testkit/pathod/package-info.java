@NullMarked
package dev.mitm4j.testkit.pathod;

import org.jspecify.annotations.NullMarked;
