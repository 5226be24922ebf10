package dev.mitm4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A raw TCP server on 127.0.0.1 that echoes every byte of every connection. */
final class EchoServer implements AutoCloseable {
    private final ServerSocket serverSocket;

    EchoServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> echo(socket));
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the test closed its side
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
