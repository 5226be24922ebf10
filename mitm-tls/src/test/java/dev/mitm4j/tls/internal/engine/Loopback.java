package dev.mitm4j.tls.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A one-connection loopback server: accepts once on a virtual thread and runs a handler. */
final class Loopback implements AutoCloseable {
    interface Handler<T> {
        T handle(Socket socket) throws Exception;
    }

    private final ServerSocket server;

    Loopback() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(20_000);
    }

    int port() {
        return server.getLocalPort();
    }

    <T> CompletableFuture<T> acceptOnce(Handler<T> handler) {
        return acceptOnce(server, handler);
    }

    /** Accepts once from {@code server} on a virtual thread and runs {@code handler}. */
    static <T> CompletableFuture<T> acceptOnce(ServerSocket server, Handler<T> handler) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(20_000);
                result.complete(handler.handle(s));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Reads an HTTP/1 head (up to the blank line) as ISO-8859-1 text. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            sb.append((char) c);
            if (sb.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
