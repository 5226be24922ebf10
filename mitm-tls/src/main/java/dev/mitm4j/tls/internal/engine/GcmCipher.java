package dev.mitm4j.tls.internal.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * AES-GCM for one direction of one TLS connection, on the JDK's cipher with its AES and GHASH
 * intrinsics. BouncyCastle's own JCA adapter sets the nonce of every record through a freshly
 * looked-up {@code AlgorithmParameters} object (a provider lookup and an ASN.1 encoding and
 * parse per record); this one passes a {@link GCMParameterSpec} directly. Not thread-safe: BC
 * uses one instance per direction, from the connection's thread.
 */
final class GcmCipher implements TlsAEADCipherImpl {
    private final Cipher cipher;
    private final int mode;
    private SecretKey key;

    GcmCipher(Cipher cipher, boolean encrypting) {
        this.cipher = cipher;
        this.mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.key = new SecretKeySpec(new byte[16], "AES");
    }

    @Override
    public void setKey(byte[] bytes, int offset, int length) {
        key = new SecretKeySpec(bytes, offset, length, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        try {
            cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        return cipher.getOutputSize(inputLength);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength,
            byte[] output, int outputOffset) throws IOException {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (AEADBadTagException e) {
            throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }
}
