/**
 * The HTTP model (flows, requests, responses, headers) and the HTTP/1 codec.
 */
module dev.mitm4j.http {
    requires static org.jspecify;
    requires okio;

    exports dev.mitm4j.http;
}
