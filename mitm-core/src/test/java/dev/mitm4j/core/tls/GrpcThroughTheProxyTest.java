package dev.mitm4j.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mitm4j.core.Addon;
import dev.mitm4j.core.ProxyServer;
import dev.mitm4j.http.HttpFlow;
import dev.mitm4j.tls.CertificateAuthority;
import dev.mitm4j.tls.CertificateSpec;
import dev.mitm4j.tls.CertifiedKey;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.HttpConnectProxiedSocketAddress;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-java's client and server (Netty) through the proxy, the client reaching the server with
 * an HTTP CONNECT tunnel and TLS the proxy intercepts: unary, server-streaming, client-streaming
 * and bidirectional calls; and in plain text (h2c on both legs) through a reverse proxy. Messages are raw bytes (no protobuf needed). Each call is one HTTP/2
 * flow; its messages stream as they come (the bidirectional call sends its next message only
 * after the echo of the last one arrived), and the trailers ({@code grpc-status}) arrive.
 */
class GrpcThroughTheProxyTest {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES =
            new MethodDescriptor.Marshaller<>() {
                @Override
                public InputStream stream(byte[] value) {
                    return new ByteArrayInputStream(value);
                }

                @Override
                public byte[] parse(InputStream stream) {
                    try {
                        return stream.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
    private static final MethodDescriptor<byte[], byte[]> UNARY =
            method(MethodDescriptor.MethodType.UNARY, "Unary");
    private static final MethodDescriptor<byte[], byte[]> SERVER_STREAMING =
            method(MethodDescriptor.MethodType.SERVER_STREAMING, "Count");
    private static final MethodDescriptor<byte[], byte[]> CLIENT_STREAMING =
            method(MethodDescriptor.MethodType.CLIENT_STREAMING, "Join");
    private static final MethodDescriptor<byte[], byte[]> BIDI =
            method(MethodDescriptor.MethodType.BIDI_STREAMING, "Echo");

    @TempDir
    Path dir;
    private Server server;
    private ProxyServer proxy;
    private ManagedChannel channel;
    private final List<HttpFlow> flows = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        CertificateAuthority serverCa = CertificateAuthority.load(dir.resolve("server-ca"));
        CertifiedKey leaf = serverCa.leaf(CertificateSpec.of("localhost", "127.0.0.1"));
        Path cert = Files.writeString(dir.resolve("server-cert.pem"),
                pem("CERTIFICATE", leaf.leaf().getEncoded())
                        + pem("CERTIFICATE", leaf.chain().get(1).getEncoded()));
        Path key = Files.writeString(dir.resolve("server-key.pem"),
                pem("PRIVATE KEY", leaf.key().getEncoded()));
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        TlsServerCredentials.create(cert.toFile(), key.toFile()))
                .addService(service()).build().start();
        proxy = Proxies.start(Proxies.options(dir.resolve("conf"),
                "ssl_verify_upstream_trusted_ca",
                serverCa.confdir().resolve("mitmproxy-ca-cert.pem").toString()),
                Addon.onResponse("record", flows::add));
        Path proxyCa = Files.writeString(dir.resolve("proxy-ca.pem"),
                proxy.certificateAuthority().certificatePem());
        InetSocketAddress proxyAddress = new InetSocketAddress("127.0.0.1", proxy.port());
        channel = Grpc.newChannelBuilder("localhost:" + server.getPort(),
                        TlsChannelCredentials.newBuilder().trustManager(proxyCa.toFile()).build())
                .proxyDetector(target -> HttpConnectProxiedSocketAddress.newBuilder()
                        .setTargetAddress((InetSocketAddress) target)
                        .setProxyAddress(proxyAddress).build())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        proxy.close();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aUnaryCall() {
        byte[] answer = ClientCalls.blockingUnaryCall(channel, UNARY,
                CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), bytes("hello"));
        assertEquals("HELLO", text(answer));
        HttpFlow flow = awaitFlow();
        assertEquals("HTTP/2.0", flow.request().httpVersion());
        assertEquals("/mitm4j.Echo/Unary", flow.request().path());
        assertEquals("h2", flow.client().alpn());
        assertEquals("h2", flow.server().alpn());
        assertNotNull(flow.response().trailers());
        assertEquals("0", flow.response().trailers().get("grpc-status"));
    }

    @Test
    void aServerStreamingCall() {
        Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(channel,
                SERVER_STREAMING, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
                bytes("3"));
        List<String> got = new ArrayList<>();
        answers.forEachRemaining(a -> got.add(text(a)));
        assertEquals(List.of("1", "2", "3"), got);
        assertEquals("0", awaitFlow().response().trailers().get("grpc-status"));
    }

    @Test
    void aClientStreamingCall() throws Exception {
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        StreamObserver<byte[]> requests = ClientCalls.asyncClientStreamingCall(
                channel.newCall(CLIENT_STREAMING, CallOptions.DEFAULT), collector(answers));
        for (String part : List.of("a", "b", "c")) {
            requests.onNext(bytes(part));
        }
        requests.onCompleted();
        assertEquals("a+b+c", answers.poll(20, TimeUnit.SECONDS));
        assertEquals("<completed>", answers.poll(20, TimeUnit.SECONDS));
        HttpFlow flow = awaitFlow();
        assertEquals("0", flow.response().trailers().get("grpc-status"));
    }

    @Test
    void aBidirectionalCallStreamsEachMessageAsItComes() throws Exception {
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(
                channel.newCall(BIDI, CallOptions.DEFAULT), collector(answers));
        for (String message : List.of("ping", "pong", "done")) {
            requests.onNext(bytes(message));
            // The next message goes only once this one came back through the proxy.
            assertEquals("echo " + message, answers.poll(20, TimeUnit.SECONDS));
        }
        requests.onCompleted();
        assertEquals("<completed>", answers.poll(20, TimeUnit.SECONDS));
        HttpFlow flow = awaitFlow();
        assertEquals("0", flow.response().trailers().get("grpc-status"));
    }

    @Test
    void plainTextCallsGoOverH2cThroughAReverseProxy() throws Exception {
        Server plain = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                io.grpc.InsecureServerCredentials.create()).addService(service()).build().start();
        try (ProxyServer reverse = Proxies.start(Proxies.options(dir.resolve("conf2"),
                "mode", "reverse:http://127.0.0.1:" + plain.getPort()),
                Addon.onResponse("record", flows::add))) {
            ManagedChannel h2c = Grpc.newChannelBuilder("127.0.0.1:" + reverse.port(),
                    io.grpc.InsecureChannelCredentials.create()).build();
            try {
                assertEquals("PLAIN", text(ClientCalls.blockingUnaryCall(h2c, UNARY,
                        CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
                        bytes("plain"))));
                BlockingQueue<String> answers = new LinkedBlockingQueue<>();
                StreamObserver<byte[]> requests = ClientCalls.asyncBidiStreamingCall(
                        h2c.newCall(BIDI, CallOptions.DEFAULT), collector(answers));
                requests.onNext(bytes("one"));
                assertEquals("echo one", answers.poll(20, TimeUnit.SECONDS));
                requests.onNext(bytes("two"));
                assertEquals("echo two", answers.poll(20, TimeUnit.SECONDS));
                requests.onCompleted();
                assertEquals("<completed>", answers.poll(20, TimeUnit.SECONDS));
            } finally {
                h2c.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
            HttpFlow flow = awaitFlow();
            assertEquals("http", flow.request().scheme());
            assertEquals("HTTP/2.0", flow.response().httpVersion());
        } finally {
            plain.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private HttpFlow awaitFlow() {
        for (int i = 0; i < 2000 && flows.isEmpty(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(!flows.isEmpty(), "no flow recorded");
        return flows.getFirst();
    }

    private static StreamObserver<byte[]> collector(BlockingQueue<String> into) {
        return new StreamObserver<>() {
            @Override
            public void onNext(byte[] value) {
                into.add(text(value));
            }

            @Override
            public void onError(Throwable t) {
                into.add("<error " + t + ">");
            }

            @Override
            public void onCompleted() {
                into.add("<completed>");
            }
        };
    }

    private static ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("mitm4j.Echo")
                .addMethod(UNARY, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(bytes(text(request).toUpperCase()));
                    response.onCompleted();
                }))
                .addMethod(SERVER_STREAMING, ServerCalls.asyncServerStreamingCall(
                        (request, response) -> {
                            for (int i = 1; i <= Integer.parseInt(text(request)); i++) {
                                response.onNext(bytes(Integer.toString(i)));
                            }
                            response.onCompleted();
                        }))
                .addMethod(CLIENT_STREAMING, ServerCalls.asyncClientStreamingCall(response ->
                        new StreamObserver<>() {
                            private final List<String> parts = new ArrayList<>();

                            @Override
                            public void onNext(byte[] value) {
                                parts.add(text(value));
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                response.onNext(bytes(String.join("+", parts)));
                                response.onCompleted();
                            }
                        }))
                .addMethod(BIDI, ServerCalls.asyncBidiStreamingCall(response ->
                        new StreamObserver<>() {
                            @Override
                            public void onNext(byte[] value) {
                                response.onNext(bytes("echo " + text(value)));
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                response.onCompleted();
                            }
                        }))
                .build();
    }

    private static MethodDescriptor<byte[], byte[]> method(MethodDescriptor.MethodType type,
            String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type)
                .setFullMethodName("mitm4j.Echo/" + name).setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
