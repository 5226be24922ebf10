package dev.mitm4j.examples;

import dev.mitm4j.core.Options;
import dev.mitm4j.core.ProxyServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link EmbeddedProxyOutOfDescriptorsTest}: an in-process proxy, run from class
 * directories, whose first connection arrives while the process has no descriptor left. Prints
 * what the client saw: {@code stuck: closed} (or {@code stuck: open}) and {@code after: } with
 * the status line of a request made once the descriptors are freed.
 */
final class FirstConnectionOutOfDescriptors {
    private FirstConnectionOutOfDescriptors() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        try (ProxyServer proxy = ProxyServer.builder()
                .options(Options.builder().listenPort(0).set("connection_limit", "100000").build())
                .build().start()) {
            byte[] request = ("GET " + url + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            warmPoller();
            List<InputStream> hogs = new ArrayList<>();
            try {
                while (true) {
                    hogs.add(new FileInputStream("/dev/null"));
                }
            } catch (IOException e) {
                System.out.println("exhausted after " + hogs.size() + ": " + e.getMessage());
            }
            // One descriptor for the client socket, one for the accepted one; none for the
            // class files of the connection path.
            hogs.removeLast().close();
            hogs.removeLast().close();
            Socket stuck = new Socket("127.0.0.1", proxy.port());
            stuck.getOutputStream().write(request);
            Thread.sleep(1000);
            for (InputStream hog : hogs) {
                hog.close();
            }
            stuck.setSoTimeout(5000);
            try {
                stuck.getInputStream().readAllBytes();
                System.out.println("stuck: closed");
            } catch (SocketTimeoutException e) {
                System.out.println("stuck: open");
            }
            stuck.close();
            try (Socket after = new Socket("127.0.0.1", proxy.port())) {
                after.setSoTimeout(5000);
                after.getOutputStream().write(request);
                byte[] response = after.getInputStream().readAllBytes();
                String text = new String(response, StandardCharsets.US_ASCII);
                System.out.println("after: " + text.lines().findFirst().orElse(""));
            } catch (IOException e) {
                System.out.println("after: " + e);
            }
        }
        System.exit(0);
    }

    /**
     * Sets up the JDK's poller for virtual-thread socket waits, which the first such wait in a
     * JVM creates with descriptors of its own: a proxy that has served once has it, and without
     * it the test would run out of descriptors in the JDK rather than in the connection path.
     */
    private static void warmPoller() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    client.setSoTimeout(50);
                    client.getInputStream().read();
                } catch (IOException expected) {
                    // the timeout: the wait has happened
                }
            });
            reader.join();
        }
    }
}
