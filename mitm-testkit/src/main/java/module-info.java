/**
 * JUnit 5 extension, recorded flows, client helpers and crafted responses for tests.
 */
@SuppressWarnings("module") // qualified exports to modules built after this one
module dev.mitm4j.testkit {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires transitive dev.mitm4j.core;
    requires transitive dev.mitm4j.replay;
    requires transitive org.junit.jupiter.api;
    requires transitive java.net.http;
    requires jdk.jfr;

    exports dev.mitm4j.testkit;
    exports dev.mitm4j.testkit.pathod;
    // JUnit instantiates the extension and the lock provider reflectively.
    exports dev.mitm4j.testkit.internal to org.junit.platform.commons;
    opens dev.mitm4j.testkit.internal to org.junit.platform.commons;
}
