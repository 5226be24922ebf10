@NullMarked
package dev.mitm4j.core.tls;

import org.jspecify.annotations.NullMarked;
