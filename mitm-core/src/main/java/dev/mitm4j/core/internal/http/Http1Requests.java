package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.spi.Destination;
import dev.mitm4j.http.Headers;
import dev.mitm4j.http.Request;
import java.util.List;

/**
 * A request of another HTTP version as HTTP/1.1 writes it (RFC 9113 section 8.3.1): an HTTP/2
 * client's request going to an HTTP/1 server. Stateless.
 */
final class Http1Requests {
    private Http1Requests() {}

    /**
     * {@return {@code request} itself when it is HTTP/1, else a copy to write as HTTP/1.1}: a
     * {@code Host} field made from the authority when there is none, {@code cookie} fields
     * joined into one with "; " (RFC 9113 section 8.2.3), pseudo-header fields (a HAR file may
     * keep them among the headers) left out. The flow keeps the request as the client sent it.
     */
    static Request forHttp1(Request request) {
        if (request.httpVersion().startsWith("HTTP/1")) {
            return request;
        }
        Request wire = request.copy();
        wire.httpVersion("HTTP/1.1");
        Headers headers = wire.headers();
        for (Headers.Field field : List.copyOf(headers.fields())) {
            if (field.name().startsWith(":")) {
                headers.remove(field.name());
            }
        }
        List<String> cookies = headers.getAll("cookie");
        if (cookies.size() > 1) {
            headers.remove("cookie");
            headers.add("cookie", String.join("; ", cookies));
        }
        if (!headers.contains("host")) {
            String authority = request.authority();
            headers.insert(0, "host", !authority.isEmpty() ? authority
                    : HostHeaders.of(request.scheme(),
                            new Destination(request.host(), request.port())));
        }
        return wire;
    }
}
