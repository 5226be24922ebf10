/**
 * Certificate authority, certificates made on the fly, ClientHello parsing, trust helpers, key log.
 */
module dev.mitm4j.tls {
    requires static org.jspecify;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    // exports dev.mitm4j.tls; (added with its first public type)
}
