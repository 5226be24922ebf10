package dev.mitm4j.tls.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.junit.jupiter.api.Test;

/** {@link GcmCipher} against the GCM specification's test vectors, and its failures. */
class GcmCipherTest {
    private static final HexFormat HEX = HexFormat.of();
    // McGrew and Viega, "The Galois/Counter Mode of Operation", test case 2: K = 0, IV = 0, P = 0.
    private static final byte[] KEY = new byte[16];
    private static final byte[] NONCE = new byte[12];
    private static final byte[] PLAIN = new byte[16];
    private static final byte[] SEALED = HEX.parseHex(
            "0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf");

    @Test
    void encryptsTheSpecificationsVector() throws Exception {
        GcmCipher cipher = cipher(true);
        byte[] out = new byte[cipher.getOutputSize(PLAIN.length)];
        assertEquals(32, cipher.doFinal(new byte[0], PLAIN, 0, PLAIN.length, out, 0));
        assertArrayEquals(SEALED, out);
    }

    @Test
    void decryptsInPlaceAsTheRecordLayerDoes() throws Exception {
        GcmCipher cipher = cipher(false);
        byte[] record = SEALED.clone();
        assertEquals(16, cipher.doFinal(new byte[0], record, 0, record.length, record, 0));
        assertArrayEquals(PLAIN, Arrays.copyOf(record, 16));
    }

    @Test
    void aTamperedRecordIsABadRecordMac() throws Exception {
        GcmCipher cipher = cipher(false);
        byte[] record = SEALED.clone();
        record[3] ^= 1;
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                () -> cipher.doFinal(new byte[0], record, 0, record.length, new byte[32], 0));
        assertEquals(AlertDescription.bad_record_mac, alert.getAlertDescription());
    }

    @Test
    void additionalDataIsAuthenticated() throws Exception {
        GcmCipher sealer = cipher(true);
        byte[] sealed = new byte[32];
        sealer.doFinal(new byte[] {23, 3, 3, 0, 32}, PLAIN, 0, 16, sealed, 0);
        GcmCipher opener = cipher(false);
        assertThrows(TlsFatalAlert.class,
                () -> opener.doFinal(new byte[] {23, 3, 3, 0, 33}, sealed, 0, 32, new byte[32], 0));
    }

    private static GcmCipher cipher(boolean encrypting) throws Exception {
        GcmCipher cipher = new GcmCipher(Cipher.getInstance("AES/GCM/NoPadding"), encrypting);
        cipher.setKey(KEY, 0, KEY.length);
        cipher.init(NONCE, 16);
        return cipher;
    }
}
