package dev.mitm4j.tls;

/**
 * Key algorithm of a generated certificate authority, or of a leaf (see
 * {@link CertificateAuthority#leaf(CertificateSpec, KeyAlgorithm)}; the proxy shows EC leaves to
 * clients that accept ECDSA and RSA leaves to the others).
 *
 * <p>{@link #RSA} is mitmproxy's choice and the default of a CA; its size comes from the option
 * {@code key_size} (2048 bits unless told otherwise). {@link #EC} uses the NIST P-256 curve
 * ({@code secp256r1}) and signs with ECDSA over SHA-256; the key size is ignored.
 */
public enum KeyAlgorithm {
    /** RSA with public exponent 65537, signed with SHA256withRSA. */
    RSA,
    /** ECDSA on P-256, signed with SHA256withECDSA. */
    EC
}
