package dev.mitm4j.tls.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.junit.jupiter.api.Test;

/** The X25519 exchange {@link MitmCrypto} puts in place of the JDK provider's. */
class MitmCryptoTest {
    private final MitmCrypto crypto = new MitmCrypto(new JdkFirstHelper(), new SecureRandom());

    @Test
    void bothSidesDeriveTheSameSecret() throws Exception {
        TlsAgreement alice = x25519();
        TlsAgreement bob = x25519();
        byte[] alicePublic = alice.generateEphemeral();
        byte[] bobPublic = bob.generateEphemeral();
        alice.receivePeerValue(bobPublic);
        bob.receivePeerValue(alicePublic);

        assertEquals(32, alicePublic.length);
        assertArrayEquals(alice.calculateSecret().extract(), bob.calculateSecret().extract());
    }

    @Test
    void agreesWithTheJdkXdhProvider() throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        TlsAgreement ours = x25519();
        byte[] ourPublic = ours.generateEphemeral();
        ours.receivePeerValue(littleEndian(((XECPublicKey) jdk.getPublic()).getU()));

        KeyAgreement theirs = KeyAgreement.getInstance("X25519");
        theirs.init(jdk.getPrivate());
        theirs.doPhase(KeyFactory.getInstance("X25519").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, unsigned(ourPublic))), true);

        assertArrayEquals(theirs.generateSecret(), ours.calculateSecret().extract());
    }

    @Test
    void rejectsAPeerValueOfTheWrongLength() throws Exception {
        TlsAgreement agreement = x25519();
        agreement.generateEphemeral();
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class,
                () -> agreement.receivePeerValue(new byte[31]));
        assertEquals(AlertDescription.illegal_parameter, alert.getAlertDescription());
    }

    @Test
    void rejectsASmallOrderPeerPoint() throws Exception {
        TlsAgreement agreement = x25519();
        agreement.generateEphemeral();
        agreement.receivePeerValue(new byte[32]);   // the point 0: the shared secret is all zeros
        TlsFatalAlert alert = assertThrows(TlsFatalAlert.class, agreement::calculateSecret);
        assertEquals(AlertDescription.handshake_failure, alert.getAlertDescription());
    }

    /** RFC 7748 encodes u little-endian in 32 bytes. */
    private static byte[] littleEndian(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static BigInteger unsigned(byte[] littleEndian) {
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private TlsAgreement x25519() {
        return crypto.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
    }
}
