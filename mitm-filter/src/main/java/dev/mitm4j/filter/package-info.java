/**
 * mitmproxy filter expressions compiled to reusable predicates over flows.
 */
@NullMarked
package dev.mitm4j.filter;

import org.jspecify.annotations.NullMarked;
