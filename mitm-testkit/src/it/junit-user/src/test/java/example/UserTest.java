package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.mitm4j.testkit.MitmProxy;
import dev.mitm4j.testkit.RecordedFlows;
import dev.mitm4j.testkit.WithMitmProxy;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** What a user writes: a class-level proxy, a method-level one, recorded flows. */
@WithMitmProxy
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserTest {
    static HttpServer origin;
    static MitmProxy methodProxy;

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", exchange -> {
            byte[] body = ("hello " + exchange.getRequestURI().getPath())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();
    }

    @AfterAll
    static void stopOrigin() {
        origin.stop(0);
    }

    static String get(MitmProxy proxy, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + path);
        return proxy.httpClient().send(HttpRequest.newBuilder(uri).header("x-token", "t").build(),
                BodyHandlers.ofString()).body();
    }

    @Test
    @Order(1)
    void runsOnTheProjectsOwnJunit() throws Exception {
        String expected = System.getProperty("expected.junit");
        assertEquals(expected, Test.class.getPackage().getImplementationVersion());
        assertEquals(expected, Class.forName("org.junit.jupiter.engine.JupiterTestEngine")
                .getPackage().getImplementationVersion());
        assertEquals(1, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).filter(p -> p.contains("junit-jupiter-api")).count());
    }

    @Test
    @Order(2)
    void theClassProxyRecordsWhatTheClientSent(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        assertEquals("hello /orders", get(proxy, "/orders"));
        assertEquals("t", flows.await("~u /orders", Duration.ofSeconds(5))
                .request().headers().get("x-token"));
    }

    @Test
    @Order(3)
    @WithMitmProxy
    void aMethodGetsAProxyOfItsOwn(MitmProxy proxy, RecordedFlows flows) throws Exception {
        methodProxy = proxy;
        assertEquals("hello /own", get(proxy, "/own"));
        assertEquals(1, flows.all().size());
    }

    @Test
    @Order(4)
    void junitClosedTheMethodsProxyAfterItsTest() {
        assertThrows(IllegalStateException.class, methodProxy::port); // "not running"
    }

    @Test
    @Order(5)
    void aTestSeesItsOwnFlowsAndTheProxyEveryTests(MitmProxy proxy, RecordedFlows flows)
            throws Exception {
        assertEquals("hello /mine", get(proxy, "/mine"));
        assertEquals(List.of("/mine"), flows.all().stream().map(f -> f.request().path()).toList());
        assertEquals(1, proxy.flows().matching("~u /orders").size());
    }
}
