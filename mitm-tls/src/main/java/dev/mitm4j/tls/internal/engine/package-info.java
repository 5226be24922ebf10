/**
 * The TLS engine of interception: the proxy's server side toward clients and its client side
 * toward upstream servers, both able to write an NSS key log.
 *
 * <h2>Why BouncyCastle's low-level TLS API</h2>
 * A man in the middle must be able to hand its session secrets to Wireshark (the issue asks for
 * {@code SSLKEYLOGFILE} on both legs, TLS 1.2 and 1.3). The candidates were:
 * <ul>
 *   <li><b>The JDK's SSLEngine/SSLSocket</b>: the fastest path on the JVM, but it has no key-log
 *       API (JDK-8262880 was never integrated); the secrets are reachable only by reflection into
 *       {@code sun.security.ssl} with {@code --add-opens}, which breaks between JDK updates and is
 *       refused on a locked-down module path. Rejected.
 *   <li><b>Conscrypt / netty-tcnative (BoringSSL)</b>: native speed and a key-log callback in
 *       BoringSSL, but native artifacts per platform, a Netty-shaped API, and no callback exposed
 *       by Conscrypt's public API. Too heavy for an embeddable SDK. Rejected.
 *   <li><b>BouncyCastle's {@code org.bouncycastle.tls} (bctls)</b>, chosen: pure Java, blocking
 *       streams that fit one virtual thread per connection, our own {@code TlsServer} and
 *       {@code TlsClient} subclasses that see SNI, ALPN and the certificate request at the
 *       right moment, and a {@code SecurityParameters} object that holds the client random, the
 *       TLS 1.2 master secret and the TLS 1.3 handshake, traffic and exporter secrets. The
 *       record-layer cryptography is delegated to {@code JcaTlsCrypto} over the <em>JDK's</em>
 *       providers, so AES-GCM, ChaCha20, ECDSA and RSA run on the JDK's own code (X25519 is the
 *       exception, see below); BC's own provider is never registered globally.
 * </ul>
 *
 * <h2>What a handshake costs, and the defaults chosen for it</h2>
 * An intercepted connection costs two full handshakes (client to proxy, proxy to upstream),
 * and pure-Java public-key operations dominate them. Two choices keep that down:
 * <ul>
 *   <li><b>The leaf key is EC P-256</b> (see {@link dev.mitm4j.tls.CertificateAuthority}), even
 *       under mitmproxy's RSA CA: it signs in every handshake toward a client (TLS 1.3
 *       {@code ecdsa_secp256r1_sha256}, TLS 1.2 {@code TLS_ECDHE_ECDSA_*} suites, which we offer
 *       first), and an ECDSA P-256 signature costs about a quarter of an RSA-2048 one on
 *       JDK 25. With an RSA leaf key (the CA's builder can ask for one) the server side picks
 *       RSA-PSS and {@code TLS_ECDHE_RSA_*} suites instead.
 *   <li><b>X25519 stays the first key-exchange group</b> (BouncyCastle's default order, on both
 *       sides). Measured on JDK 25 through the JDK provider, one ephemeral key pair plus one
 *       agreement costs about 1.1-1.5 ms with X25519 and 2.4-3.5 ms with secp256r1 (a loaded
 *       2-core machine; the ratio is what counts), so P-256 would make each handshake slower.
 *   <li><b>X25519 runs on BouncyCastle's RFC 7748 arithmetic</b> ({@code MitmCrypto}), not on
 *       the JDK's {@code XDH} provider: a key pair plus an agreement took 480-640 us through the
 *       JDK and 180-200 us directly, in the same run on the same loaded machine.
 * </ul>
 *
 * <h2>How the key log is captured</h2>
 * BC destroys a secret when it is extracted, so {@code SecretBytes} copies a secret's bytes
 * through the protected accessor of BC's secret base class, leaving the secret alive. TLS 1.3
 * handshake traffic secrets exist only during the handshake: the server side takes them when BC
 * asks for its credentials (just after the handshake keys are installed), the client side when
 * it receives the encrypted extensions. Application traffic and exporter secrets (1.3) and the
 * master secret (1.2) are taken when the handshake completes. Lines are appended in the NSS
 * format to the file named by {@code MITMPROXY_SSLKEYLOGFILE} or {@code SSLKEYLOGFILE} (or an
 * explicit {@link dev.mitm4j.tls.internal.engine.KeyLog}), under a lock.
 *
 * <h2>Virtual threads</h2>
 * This package holds no monitor around I/O, but BouncyCastle's
 * {@code TlsProtocol.writeApplicationData} writes to the socket inside a {@code synchronized}
 * block. On JDK 24 and later (JEP 491) that no longer pins a virtual thread's carrier; on JDK
 * 21 to 23 a write blocked on a full socket buffer pins its carrier for as long as it blocks.
 *
 * <h2>Entry points</h2>
 * {@link dev.mitm4j.tls.internal.engine.TlsEngines#serverSide} and
 * {@link dev.mitm4j.tls.internal.engine.TlsEngines#clientSide} run a blocking handshake on the
 * calling thread and return a {@link dev.mitm4j.tls.internal.engine.TlsConnection}: plaintext
 * streams and the negotiated facts (version, cipher suite, ALPN, SNI, peer chain).
 */
@NullMarked
package dev.mitm4j.tls.internal.engine;

import org.jspecify.annotations.NullMarked;
