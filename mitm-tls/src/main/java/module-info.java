/**
 * Certificate authority, certificates made on the fly, ClientHello parsing, trust helpers, key log.
 *
 * <p>BouncyCastle is used only inside the {@code internal} packages and is always passed as an
 * explicit provider; this module never calls {@code Security.addProvider}.
 */
@SuppressWarnings("module") // qualified exports to modules built after this one
module dev.mitm4j.tls {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.bouncycastle.tls;

    exports dev.mitm4j.tls;
    exports dev.mitm4j.tls.internal to dev.mitm4j.core;
    exports dev.mitm4j.tls.internal.engine to dev.mitm4j.core;
}
