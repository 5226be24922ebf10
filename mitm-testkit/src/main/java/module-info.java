/**
 * JUnit 5 extension, recorded flows, client helpers and crafted responses for tests.
 */
module dev.mitm4j.testkit {
    requires static org.jspecify;
    requires transitive dev.mitm4j.core;
    requires transitive dev.mitm4j.replay;
    requires transitive org.junit.jupiter.api;

    // exports dev.mitm4j.testkit; (added with its first public type)
}
