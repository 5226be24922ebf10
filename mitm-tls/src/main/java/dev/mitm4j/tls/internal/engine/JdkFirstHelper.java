package dev.mitm4j.tls.internal.engine;

import dev.mitm4j.tls.internal.Providers;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKeyFactory;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;

/**
 * Gives BouncyCastle's TLS the JDK's implementation of each primitive (AES-GCM, ChaCha20, ECDSA,
 * HMAC and RSA use intrinsics there) and falls back to the module's private BouncyCastle
 * provider only for names the JDK does not know, such as BC's {@code SHA256WITHRSASSA-PSS}
 * signature name. Nothing is registered globally. Thread-safe.
 *
 * <p>A name the JDK lacks is remembered, so that later lookups go straight to BouncyCastle
 * instead of paying for a {@code NoSuchAlgorithmException} (and its stack trace) in every
 * handshake.
 */
final class JdkFirstHelper extends DefaultJcaJceHelper {
    private final JcaJceHelper jdk = new DefaultJcaJceHelper();
    private final JcaJceHelper bc = new ProviderJcaJceHelper(Providers.bouncyCastle());
    /** "Kind:NAME" of every lookup the JDK could not serve. */
    private final Set<String> bcOnly = ConcurrentHashMap.newKeySet();

    /** One lookup of one kind of primitive from either provider's helper. */
    @FunctionalInterface
    private interface Lookup<T> {
        T create(JcaJceHelper helper, String name) throws GeneralSecurityException;
    }

    @Override
    public Cipher createCipher(String name)
            throws NoSuchAlgorithmException, NoSuchPaddingException {
        return jdkFirst("Cipher", name, JcaJceHelper::createCipher);
    }

    @Override
    public Mac createMac(String name) throws NoSuchAlgorithmException {
        return withoutPadding("Mac", name, JcaJceHelper::createMac);
    }

    @Override
    public KeyAgreement createKeyAgreement(String name) throws NoSuchAlgorithmException {
        return withoutPadding("KeyAgreement", name, JcaJceHelper::createKeyAgreement);
    }

    @Override
    public AlgorithmParameters createAlgorithmParameters(String name) throws NoSuchAlgorithmException {
        return withoutPadding("AlgorithmParameters", name, JcaJceHelper::createAlgorithmParameters);
    }

    @Override
    public KeyGenerator createKeyGenerator(String name) throws NoSuchAlgorithmException {
        return withoutPadding("KeyGenerator", name, JcaJceHelper::createKeyGenerator);
    }

    @Override
    public KeyFactory createKeyFactory(String name) throws NoSuchAlgorithmException {
        return withoutPadding("KeyFactory", name, JcaJceHelper::createKeyFactory);
    }

    @Override
    public SecretKeyFactory createSecretKeyFactory(String name) throws NoSuchAlgorithmException {
        return withoutPadding("SecretKeyFactory", name, JcaJceHelper::createSecretKeyFactory);
    }

    @Override
    public KeyPairGenerator createKeyPairGenerator(String name) throws NoSuchAlgorithmException {
        return withoutPadding("KeyPairGenerator", name, JcaJceHelper::createKeyPairGenerator);
    }

    @Override
    public MessageDigest createMessageDigest(String name) throws NoSuchAlgorithmException {
        return withoutPadding("MessageDigest", name, JcaJceHelper::createMessageDigest);
    }

    @Override
    public Signature createSignature(String name) throws NoSuchAlgorithmException {
        return withoutPadding("Signature", name, JcaJceHelper::createSignature);
    }

    private <T> T jdkFirst(String kind, String name, Lookup<T> lookup)
            throws NoSuchAlgorithmException, NoSuchPaddingException {
        String key = kind + ':' + name;
        try {
            if (!bcOnly.contains(key)) {
                try {
                    return lookup.create(jdk, name);
                } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
                    bcOnly.add(key);
                }
            }
            return lookup.create(bc, name);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            // Only NoSuchProviderException is left, and both helpers hold their provider.
            throw new IllegalStateException(kind + " " + name, e);
        }
    }

    /** {@link #jdkFirst} for the kinds whose lookups cannot fail on a padding name. */
    private <T> T withoutPadding(String kind, String name, Lookup<T> lookup)
            throws NoSuchAlgorithmException {
        try {
            return jdkFirst(kind, name, lookup);
        } catch (NoSuchPaddingException e) {
            throw new IllegalStateException("not a cipher lookup: " + kind, e);
        }
    }
}
