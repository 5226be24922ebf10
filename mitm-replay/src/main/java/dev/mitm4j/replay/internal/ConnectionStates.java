package dev.mitm4j.replay.internal;

import dev.mitm4j.http.ClientConnection;
import dev.mitm4j.http.Connection;
import dev.mitm4j.http.ServerConnection;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@code client_conn} and {@code server_conn} states of the current format (21) to the
 * model and back. Addresses are {@code [host, port]} lists (IPv6 ones may carry flowinfo and
 * scope id, which are ignored); IP literals become resolved {@link InetSocketAddress}es without
 * any DNS lookup, host names stay unresolved. Certificates are PEM bytes.
 */
final class ConnectionStates {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ConnectionStates() {}

    static ClientConnection client(State s) {
        ClientConnection c = new ClientConnection();
        common(c, s);
        c.peername(address(s.raw("peername"), s, "peername"));
        c.sockname(address(s.raw("sockname"), s, "sockname"));
        byte[] mitmcert = s.bytes("mitmcert");
        c.mitmcert(mitmcert == null ? null : certificate(mitmcert));
        String mode = s.text("proxy_mode");
        c.proxyMode(mode == null ? "regular" : mode);
        return c;
    }

    static ServerConnection server(State s) {
        ServerConnection c = new ServerConnection(address(s.raw("address"), s, "address"));
        common(c, s);
        c.peername(address(s.raw("peername"), s, "peername"));
        c.sockname(address(s.raw("sockname"), s, "sockname"));
        c.timestampTcpSetup(s.instant("timestamp_tcp_setup"));
        c.via(via(s.raw("via")));
        return c;
    }

    private static void common(Connection c, State s) {
        c.id(s.requireText("id"));
        String transport = s.text("transport_protocol");
        c.transportProtocol(transport == null ? "tcp" : transport);
        c.error(s.text("error"));
        c.tls(s.bool("tls", false));
        c.certificateList(certificates(s.list("certificate_list")));
        c.alpn(s.latin1("alpn"));
        c.alpnOffers(strings(s.list("alpn_offers")));
        c.cipher(s.text("cipher"));
        c.cipherList(strings(s.list("cipher_list")));
        c.tlsVersion(s.text("tls_version"));
        c.sni(s.text("sni"));
        c.timestampStart(s.instant("timestamp_start"));
        c.timestampEnd(s.instant("timestamp_end"));
        c.timestampTlsSetup(s.instant("timestamp_tls_setup"));
    }

    static Map<String, @Nullable Object> clientState(ClientConnection c) {
        Map<String, @Nullable Object> m = common(c);
        m.put("peername", address(c.peername()));
        m.put("sockname", address(c.sockname()));
        m.put("mitmcert", c.mitmcert() == null ? null : pem(c.mitmcert()));
        m.put("proxy_mode", c.proxyMode());
        return m;
    }

    static Map<String, @Nullable Object> serverState(ServerConnection c) {
        Map<String, @Nullable Object> m = common(c);
        m.put("peername", address(c.peername()));
        m.put("sockname", address(c.sockname()));
        m.put("address", address(c.address()));
        m.put("timestamp_tcp_setup", seconds(c.timestampTcpSetup()));
        m.put("via", viaState(c.via()));
        return m;
    }

    private static Map<String, @Nullable Object> common(Connection c) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("transport_protocol", c.transportProtocol());
        m.put("error", c.error());
        m.put("tls", c.tls());
        List<Object> certs = new ArrayList<>();
        for (X509Certificate cert : c.certificateList()) {
            certs.add(pem(cert));
        }
        m.put("certificate_list", certs);
        m.put("alpn", c.alpn() == null ? null : c.alpn().getBytes(StandardCharsets.ISO_8859_1));
        List<Object> offers = new ArrayList<>();
        for (String offer : c.alpnOffers()) {
            offers.add(offer.getBytes(StandardCharsets.ISO_8859_1));
        }
        m.put("alpn_offers", offers);
        m.put("cipher", c.cipher());
        m.put("cipher_list", new ArrayList<Object>(c.cipherList()));
        m.put("tls_version", c.tlsVersion());
        m.put("sni", c.sni());
        m.put("timestamp_start", seconds(c.timestampStart()));
        m.put("timestamp_end", seconds(c.timestampEnd()));
        m.put("timestamp_tls_setup", seconds(c.timestampTlsSetup()));
        return m;
    }

    static @Nullable Double seconds(java.time.@Nullable Instant i) {
        return i == null ? null : State.seconds(i);
    }

    static @Nullable InetSocketAddress address(@Nullable Object v, State s, String key) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l) || l.size() < 2 || !(l.get(1) instanceof Long port)) {
            throw s.wrong(key, "an address [host, port]");
        }
        String host = switch (l.get(0)) {
            case String h -> h;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            default -> throw s.wrong(key, "an address [host, port]");
        };
        if (port < 0 || port > 65535) {
            throw s.wrong(key, "an address with a valid port");
        }
        return socketAddress(host, port.intValue());
    }

    /** {@return a resolved address for IP literals (no DNS), an unresolved one for names} */
    static InetSocketAddress socketAddress(String host, int port) {
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    static @Nullable List<Object> address(@Nullable InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.isUnresolved() || a.getAddress() == null
                ? a.getHostString() : a.getAddress().getHostAddress();
        return new ArrayList<>(List.of(host, (long) a.getPort()));
    }

    /** A server spec ["http", ["proxy", 8080]] as "http://proxy:8080". */
    private static @Nullable String via(@Nullable Object v) {
        if (v instanceof List<?> l && l.size() == 2 && l.get(1) instanceof List<?> addr
                && addr.size() >= 2) {
            return text(l.get(0)) + "://" + hostPort(text(addr.get(0)), addr.get(1));
        }
        return v == null ? null : text(v);
    }

    private static @Nullable List<Object> viaState(@Nullable String via) {
        if (via == null) {
            return null;
        }
        int sep = via.indexOf("://");
        String scheme = sep < 0 ? "http" : via.substring(0, sep);
        String rest = sep < 0 ? via : via.substring(sep + 3);
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        long port = colon < 0 ? (scheme.equals("https") ? 443 : 80)
                : Long.parseLong(rest.substring(colon + 1));
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ArrayList<>(List.of(scheme, new ArrayList<>(List.of(host, port))));
    }

    private static String hostPort(String host, @Nullable Object port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String text(@Nullable Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static List<String> strings(@Nullable List<@Nullable Object> list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (Object o : list) {
                out.add(o instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                        : String.valueOf(o));
            }
        }
        return out;
    }

    private static List<X509Certificate> certificates(@Nullable List<@Nullable Object> pems) {
        List<X509Certificate> out = new ArrayList<>();
        if (pems != null) {
            for (Object o : pems) {
                out.add(certificate(o instanceof byte[] b ? b
                        : String.valueOf(o).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return out;
    }

    static X509Certificate certificate(byte[] pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new BadStateException("unreadable certificate: " + e.getMessage(), e);
        }
    }

    static byte[] pem(X509Certificate cert) {
        try {
            String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(cert.getEncoded());
            return ("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
