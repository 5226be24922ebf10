package dev.mitm4j.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/** A one-connection raw server on 127.0.0.1 that runs a script against the accepted socket. */
final class ScriptedServer implements AutoCloseable {
    /** What the server does with its one connection. */
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    ScriptedServer(Script script) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(20_000);
                script.run(socket);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
