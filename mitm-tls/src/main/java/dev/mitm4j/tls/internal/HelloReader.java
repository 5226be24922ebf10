package dev.mitm4j.tls.internal;

import dev.mitm4j.tls.ClientHello;
import dev.mitm4j.tls.ClientHelloException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of a reassembled ClientHello message (RFC 8446 §4.1.2): every vector's length is
 * checked against what contains it, so malformed input fails at the first inconsistency with
 * its raw offset and what was expected. Not thread-safe; one instance per message.
 */
public final class HelloReader {
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final int EXT_SUPPORTED_VERSIONS = 43;

    private final HelloRecords records;
    private final byte[] m;
    private int pos;
    private int limit;

    private @Nullable String sni;
    private final List<String> alpn = new ArrayList<>();
    private final List<Integer> versions = new ArrayList<>();

    private HelloReader(HelloRecords records) {
        this.records = records;
        this.m = records.message();
        this.pos = 4;
        this.limit = 4 + ((m[1] & 0xff) << 16 | (m[2] & 0xff) << 8 | (m[3] & 0xff));
    }

    /** {@return the hello of the reassembled message} */
    public static ClientHello read(HelloRecords records) throws ClientHelloException {
        return new HelloReader(records).read();
    }

    private ClientHello read() throws ClientHelloException {
        int legacyVersion = u16("legacy_version");
        skip(32, "the 32-byte random");
        int sessionIdLength = u8("session_id length");
        if (sessionIdLength > 32) {
            throw fail("a session_id of at most 32 bytes", pos - 1);
        }
        skip(sessionIdLength, "the session_id");
        List<Integer> suites = cipherSuites();
        int compressions = u8("compression_methods length");
        if (compressions < 1) {
            throw fail("at least one compression method", pos - 1);
        }
        skip(compressions, "the compression methods");
        List<Integer> extensions = pos == limit ? List.of() : extensions();
        if (pos != limit) {
            throw fail("the end of the ClientHello", pos);
        }
        return new ClientHello(legacyVersion, suites, extensions, sni, alpn, versions,
                records.recordsLength());
    }

    private List<Integer> cipherSuites() throws ClientHelloException {
        int len = u16("cipher_suites length");
        if (len < 2 || len % 2 != 0) {
            throw fail("an even, non-zero cipher_suites length", pos - 2);
        }
        int end = within(len, "the cipher suites");
        List<Integer> suites = new ArrayList<>(len / 2);
        while (pos < end) {
            suites.add(u16("a cipher suite"));
        }
        return suites;
    }

    private List<Integer> extensions() throws ClientHelloException {
        int len = u16("extensions length");
        int end = within(len, "the extensions");
        List<Integer> types = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (pos < end) {
            int at = pos;
            int type = u16("an extension type");
            int dataLength = u16("an extension length");
            int dataEnd = within(dataLength, "the data of extension " + type);
            if (dataEnd > end) {
                throw fail("extension " + type + " to end within the extensions block", at);
            }
            if (!seen.add(type)) {
                throw fail("each extension once, but " + type + " repeats", at);
            }
            types.add(type);
            int outer = limit;
            limit = dataEnd;
            extension(type);
            if (pos != dataEnd) {
                throw fail("the end of extension " + type, pos);
            }
            limit = outer;
        }
        return types;
    }

    private void extension(int type) throws ClientHelloException {
        switch (type) {
            case EXT_SERVER_NAME -> serverName();
            case EXT_ALPN -> alpn();
            case EXT_SUPPORTED_VERSIONS -> supportedVersions();
            default -> pos = limit;
        }
    }

    private void serverName() throws ClientHelloException {
        if (pos == limit) {
            return; // a server's empty echo; tolerated from clients too
        }
        int end = within(u16("server_name_list length"), "the server name list");
        while (pos < end) {
            int nameType = u8("a server name type");
            int len = u16("a server name length");
            int at = pos;
            skip(len, "a server name");
            if (nameType == 0 && sni == null) {
                if (len == 0) {
                    throw fail("a non-empty host_name", at);
                }
                sni = new String(m, at, len, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private void alpn() throws ClientHelloException {
        int end = within(u16("protocol_name_list length"), "the ALPN list");
        while (pos < end) {
            int len = u8("a protocol name length");
            if (len == 0) {
                throw fail("a non-empty protocol name", pos - 1);
            }
            int at = pos;
            skip(len, "a protocol name");
            alpn.add(new String(m, at, len, StandardCharsets.ISO_8859_1));
        }
    }

    private void supportedVersions() throws ClientHelloException {
        int len = u8("supported_versions length");
        if (len % 2 != 0) {
            throw fail("an even supported_versions length", pos - 1);
        }
        int end = within(len, "the supported versions");
        while (pos < end) {
            versions.add(u16("a version"));
        }
    }

    /** Checks that {@code len} bytes from here fit in the current container; returns the end. */
    private int within(int len, String what) throws ClientHelloException {
        if (limit - pos < len) {
            throw fail(len + " bytes of " + what + " (only " + (limit - pos) + " left)", pos);
        }
        return pos + len;
    }

    private void skip(int n, String what) throws ClientHelloException {
        pos = within(n, what);
    }

    private int u8(String what) throws ClientHelloException {
        within(1, what);
        return m[pos++] & 0xff;
    }

    private int u16(String what) throws ClientHelloException {
        within(2, what);
        int v = HelloRecords.u16(m, pos);
        pos += 2;
        return v;
    }

    private ClientHelloException fail(String expected, int at) {
        int raw = records.rawOffset(at);
        return new ClientHelloException(
                "malformed ClientHello: expected " + expected + " at offset " + raw, raw, false);
    }
}
