/**
 * TLS interception: the layer that peeks at a ClientHello and terminates the client's TLS with a
 * certificate made on the fly, the proxy's TLS toward servers (verification, SNI, ALPN, client
 * certificates, key log), and the {@code mitm.it} onboarding pages. Not API.
 */
@NullMarked
package dev.mitm4j.core.internal.tls;

import org.jspecify.annotations.NullMarked;
