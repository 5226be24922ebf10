/**
 * Testing through a real intercepting proxy in JUnit 5.
 *
 * <pre>{@code
 * @WithMitmProxy
 * class ApiClientTest {
 *     @Test void sendsTheToken(MitmProxy proxy, RecordedFlows flows) throws Exception {
 *         new ApiClient(proxy.httpClient()).fetchOrders();
 *         assertEquals("Bearer t", flows.await("~u /orders", Duration.ofSeconds(5))
 *                 .request().headers().get("Authorization"));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link dev.mitm4j.testkit.WithMitmProxy} starts the proxy, {@link dev.mitm4j.testkit.MitmProxy}
 * hands out clients configured for it, {@link dev.mitm4j.testkit.RecordedFlows} holds what it saw.
 * Crafted upstream faults: {@link dev.mitm4j.testkit.pathod.Pathod}.
 */
@NullMarked
package dev.mitm4j.testkit;

import org.jspecify.annotations.NullMarked;
