package dev.mitm4j.core.internal.tls;

import java.nio.file.Path;

/** The onboarding app's one page: why, what to download, how to install it per platform. */
final class OnboardingPage {
    private OnboardingPage() {}

    static String html(String host, Path confdir) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><title>mitm4j: install the CA certificate</title>
                <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                <body style="font-family: sans-serif; max-width: 44em; margin: 2em auto;">
                <h1>Install the mitm4j CA certificate</h1>
                <p>Your traffic goes through mitm4j. To let it read HTTPS, this device must trust
                the proxy's certificate authority. Only install it on devices you control: whoever
                has the CA's private key can read this device's HTTPS traffic.</p>
                <ul>
                <li><a href="/cert/pem">mitmproxy-ca-cert.pem</a> (Linux, macOS, Firefox,
                curl, Java)</li>
                <li><a href="/cert/p12">mitmproxy-ca-cert.p12</a> (Windows)</li>
                <li><a href="/cert/cer">mitmproxy-ca-cert.cer</a> (Android, iOS)</li>
                </ul>
                <h2>Install steps</h2>
                <dl>
                <dt>Linux (Debian, Ubuntu)</dt><dd><code>sudo cp mitmproxy-ca-cert.pem
                /usr/local/share/ca-certificates/mitmproxy.crt &amp;&amp; sudo
                update-ca-certificates</code></dd>
                <dt>macOS</dt><dd><code>sudo security add-trusted-cert -d -p ssl -p basic -k
                /Library/Keychains/System.keychain mitmproxy-ca-cert.pem</code></dd>
                <dt>Windows</dt><dd>Open the .p12 file, choose "Local Machine", then "Place all
                certificates in the following store": Trusted Root Certification Authorities.</dd>
                <dt>Android</dt><dd>Settings, Security, Encryption &amp; credentials, Install a
                certificate, CA certificate; pick the .cer file.</dd>
                <dt>iOS</dt><dd>Open the .cer link in Safari, install the profile in Settings,
                then enable full trust under General, About, Certificate Trust Settings.</dd>
                <dt>Firefox</dt><dd>Settings, Privacy &amp; Security, Certificates, View
                Certificates, Authorities, Import the .pem file.</dd>
                <dt>curl</dt><dd><code>curl --cacert mitmproxy-ca-cert.pem ...</code></dd>
                <dt>Java</dt><dd><code>keytool -importcert -cacerts -file mitmproxy-ca-cert.pem
                -alias mitmproxy</code>, or in code
                <code>dev.mitm4j.tls.CaTrust.sslContext(ca)</code></dd>
                </dl>
                <p>The same files are in the proxy's confdir (<code>%s</code>).
                This page is served by the proxy itself for http://%s/ and never leaves it.</p>
                </body></html>
                """.formatted(escape(confdir.toString()), escape(host));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
