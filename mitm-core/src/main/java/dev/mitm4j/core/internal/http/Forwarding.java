package dev.mitm4j.core.internal.http;

import dev.mitm4j.http.Http1Limits;
import dev.mitm4j.http.Request;
import dev.mitm4j.http.internal.http1.BodyFraming;
import dev.mitm4j.http.internal.http1.Http1Reader;
import dev.mitm4j.http.internal.http1.ResponseHead;
import java.io.IOException;

/**
 * The upstream half of forwarding a request, shared by a client connection's exchanges and by
 * flows the proxy injects itself (client replay): the request-target and credentials for the
 * route, and reading the response head past interim answers.
 */
final class Forwarding {
    private Forwarding() {}

    /**
     * {@return the request-target for {@code upstream}: absolute-form through an upstream proxy
     * (whose {@code Proxy-Authorization} is then set on {@code request}), else origin-form}
     */
    static String target(Upstream upstream, UpstreamConnector connector, Request request) {
        if (!upstream.absoluteForm()) {
            return request.path();
        }
        String proxyAuth = connector.proxyAuthorization();
        if (proxyAuth != null) {
            request.headers().set("Proxy-Authorization", proxyAuth);
        }
        return request.url();
    }

    /** Takes the interim (1xx) response heads a server sends before its final response. */
    @FunctionalInterface
    interface Interim {
        /** Drops them: nobody waits for them (a flow the proxy injects itself). */
        Interim DROP = head -> {};

        /** Receives one interim head, in the order the server sent them. */
        void accept(ResponseHead head) throws IOException;
    }

    /**
     * {@return the first final response head (101 counts as final)}; the interim (1xx) heads
     * before it go to {@code interim}
     */
    static ResponseHead finalResponseHead(Upstream upstream, Http1Limits limits, Interim interim)
            throws IOException {
        Http1Reader reader = upstream.reader(limits);
        ResponseHead head = reader.readResponseHead();
        while (head.code() >= 100 && head.code() < 200 && head.code() != 101) {
            reader.body(BodyFraming.NONE);
            interim.accept(head);
            head = reader.readResponseHead();
        }
        return head;
    }
}
