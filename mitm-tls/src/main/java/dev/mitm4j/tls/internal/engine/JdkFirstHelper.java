package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.internal.Providers;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKeyFactory;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;

/**
 * Gives BouncyCastle's TLS the JDK's implementation of each primitive (AES-GCM, ChaCha20, X25519,
 * HMAC and RSA use intrinsics there) and falls back to the module's private BouncyCastle
 * provider only for names the JDK does not know, such as BC's {@code SHA256WITHRSASSA-PSS}
 * signature name. Nothing is registered globally. Thread-safe.
 */
final class JdkFirstHelper extends DefaultJcaJceHelper {
    private final ProviderJcaJceHelper bc = new ProviderJcaJceHelper(Providers.bouncyCastle());

    @Override
    public Cipher createCipher(String name)
            throws NoSuchAlgorithmException, NoSuchPaddingException {
        try {
            return super.createCipher(name);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            return bc.createCipher(name);
        }
    }

    @Override
    public Mac createMac(String name) throws NoSuchAlgorithmException {
        try {
            return super.createMac(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createMac(name);
        }
    }

    @Override
    public KeyAgreement createKeyAgreement(String name) throws NoSuchAlgorithmException {
        try {
            return super.createKeyAgreement(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createKeyAgreement(name);
        }
    }

    @Override
    public AlgorithmParameters createAlgorithmParameters(String name)
            throws NoSuchAlgorithmException {
        try {
            return super.createAlgorithmParameters(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createAlgorithmParameters(name);
        }
    }

    @Override
    public KeyGenerator createKeyGenerator(String name) throws NoSuchAlgorithmException {
        try {
            return super.createKeyGenerator(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createKeyGenerator(name);
        }
    }

    @Override
    public KeyFactory createKeyFactory(String name) throws NoSuchAlgorithmException {
        try {
            return super.createKeyFactory(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createKeyFactory(name);
        }
    }

    @Override
    public SecretKeyFactory createSecretKeyFactory(String name) throws NoSuchAlgorithmException {
        try {
            return super.createSecretKeyFactory(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createSecretKeyFactory(name);
        }
    }

    @Override
    public KeyPairGenerator createKeyPairGenerator(String name) throws NoSuchAlgorithmException {
        try {
            return super.createKeyPairGenerator(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createKeyPairGenerator(name);
        }
    }

    @Override
    public MessageDigest createMessageDigest(String name) throws NoSuchAlgorithmException {
        try {
            return super.createMessageDigest(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createMessageDigest(name);
        }
    }

    @Override
    public Signature createSignature(String name) throws NoSuchAlgorithmException {
        try {
            return super.createSignature(name);
        } catch (NoSuchAlgorithmException e) {
            return bc.createSignature(name);
        }
    }
}
