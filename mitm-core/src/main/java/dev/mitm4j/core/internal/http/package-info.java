/**
 * The HTTP/1 layer: requests one after the other on a keep-alive client connection, the
 * exchange of each (events, the body budget, streaming, interception), the server connections
 * kept while consecutive requests go to the same server, CONNECT, upgrades, and the flows the
 * proxy injects itself (client replay). Not API.
 */
@NullMarked
package dev.mitm4j.core.internal.http;

import org.jspecify.annotations.NullMarked;
