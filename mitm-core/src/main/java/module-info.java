/**
 * ProxyServer, FlowMaster, Options, Addon, the layer stack, modes and built-in addons.
 */
@SuppressWarnings({
    "module", // qualified exports to modules built after this one
    "requires-transitive-automatic" // okio, on the public API, has no module-info of its own
})
module dev.mitm4j.core {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires transitive dev.mitm4j.http;
    requires transitive dev.mitm4j.tls;
    requires transitive dev.mitm4j.filter;
    requires bcrypt;
    requires jdk.management; // the open-file limit, for the default connection_limit
    requires transitive okio;
    requires transitive org.slf4j;

    exports dev.mitm4j.core;
    exports dev.mitm4j.core.spi;
    exports dev.mitm4j.core.internal.options to dev.mitm4j.examples;
}
