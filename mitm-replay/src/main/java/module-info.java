/**
 * Flow files in mitmproxy format, HAR, client-side and server-side replay.
 */
module dev.mitm4j.replay {
    requires static org.jspecify;
    requires transitive dev.mitm4j.core;

    // exports dev.mitm4j.replay; (added with its first public type)
}
