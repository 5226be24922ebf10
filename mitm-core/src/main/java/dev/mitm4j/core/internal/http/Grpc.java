package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Headers;
import java.util.Locale;

/**
 * gRPC calls (HTTP/2 requests of content-type {@code application/grpc} or
 * {@code application/grpc+proto} and the like): their messages stream as they come, both ways at
 * once, because a streaming call's client and server wait for each other's messages; buffering a
 * body until its end would hang them (mitmproxy does so unless told otherwise). Stateless.
 */
final class Grpc {
    private Grpc() {}

    /** {@return whether {@code headers} (a request's or a response's) are a gRPC message's} */
    static boolean is(Headers headers) {
        String type = headers.get("content-type");
        if (type == null) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("application/grpc") || t.startsWith("application/grpc+")
                || t.startsWith("application/grpc;");
    }
}
