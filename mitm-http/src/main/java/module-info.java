/**
 * The HTTP model (flows, requests, responses, headers), the HTTP/1 codec, the HTTP/2 codec and the
 * WebSocket codec.
 */
@SuppressWarnings("module") // qualified exports to modules built after this one
module dev.mitm4j.http {
    requires static transitive org.jspecify; // nullness annotations on the public API
    requires okio;
    requires com.github.luben.zstd_jni;
    requires dec;

    exports dev.mitm4j.http;
    exports dev.mitm4j.http.internal.http1 to dev.mitm4j.core, dev.mitm4j.testkit;
    exports dev.mitm4j.http.internal.http2 to dev.mitm4j.core;
    // internal.websocket: exported to mitm-core once its layers use it.
}
