/**
 * Implementation of the certificate side of mitm-tls: BouncyCastle certificate building, PEM and
 * PKCS#12 files, the leaf cache. Exported only to mitm-core, which wires interception.
 */
@NullMarked
package dev.mitm4j.tls.internal;

import org.jspecify.annotations.NullMarked;
