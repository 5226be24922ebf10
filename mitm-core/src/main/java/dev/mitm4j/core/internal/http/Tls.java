package dev.mitm4j.core.internal.http;

import dev.mitm4j.core.internal.Services;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS towards servers that the client reached over plain HTTP ({@code reverse:https://...}): the
 * JDK's client TLS, verifying the server unless {@code ssl_insecure}. Interception of the client
 * side is mitm-tls's business, not this class's.
 */
final class Tls {
    private static final SSLSocketFactory INSECURE = insecureFactory();

    private Tls() {}

    static Upstream wrap(Upstream plain, Services services, UpstreamConnector connector)
            throws IOException {
        boolean insecure = services.options().sslInsecure();
        SSLSocketFactory factory = insecure ? INSECURE
                : (SSLSocketFactory) SSLSocketFactory.getDefault();
        String host = plain.destination().host();
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain.socket(), host,
                plain.destination().port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        if (!insecure) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return connector.wire(ssl, "https", plain.destination(), plain.server(), false);
    }

    private static SSLSocketFactory insecureFactory() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }
}
