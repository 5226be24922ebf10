/**
 * Flow files in mitmproxy format, HAR, client-side and server-side replay.
 */
module dev.mitm4j.replay {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires transitive dev.mitm4j.core;
    requires okio;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports dev.mitm4j.replay;
}
