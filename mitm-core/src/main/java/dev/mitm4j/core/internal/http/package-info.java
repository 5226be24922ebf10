/**
 * HTTP flows. {@link dev.mitm4j.core.internal.http.HttpStream} is the life of one request and
 * its response, the same for every flow (live, replayed, inside intercepted TLS): its phases,
 * its events, and the one funnel that decides how a failed flow ends. It talks to a
 * protocol-neutral {@link dev.mitm4j.core.internal.http.ClientLeg} and
 * {@link dev.mitm4j.core.internal.http.ServerLeg}; HTTP/1 is
 * {@link dev.mitm4j.core.internal.http.HttpLayer} (requests one after the other on a keep-alive
 * client connection, CONNECT tunnels, upgrades) with its two legs, written only through the
 * codec's {@code Http1Writer}. {@link dev.mitm4j.core.internal.http.Upstreams} keeps a server
 * connection while consecutive requests go to the same server;
 * {@link dev.mitm4j.core.internal.http.InjectedExchange} runs the flows the proxy sends itself
 * (client replay). Not API.
 */
@NullMarked
package dev.mitm4j.core.internal.http;

import org.jspecify.annotations.NullMarked;
