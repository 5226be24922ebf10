/**
 * Certificate authority, certificates made on the fly, ClientHello parsing, trust helpers, key log.
 */
@NullMarked
package dev.mitm4j.tls;

import org.jspecify.annotations.NullMarked;
