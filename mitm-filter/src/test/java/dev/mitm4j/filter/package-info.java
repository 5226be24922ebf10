@NullMarked
package dev.mitm4j.filter;

import org.jspecify.annotations.NullMarked;
