package org.kiezwerk.network.graph;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.kiezwerk.network.config.GraphConfig;

/**
 * The names of people whose consent keeps them from the public are stored sealed (AES-GCM, with a
 * key the graph does not hold). Whatever an analyst's Cypher does with such a value, it cannot
 * read the name: the analyst endpoint shows it as a stable pseudonym. The API opens it for callers
 * whose consent scope allows it.
 */
@ApplicationScoped
@Startup // a wrong key stops the start, not the first person's request
public class PersonNames {

    static final String SEALED = "sealed:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Inject
    PersonNames(GraphConfig config) {
        this(Base64.getDecoder().decode(config.personNameKey().strip()));
    }

    public PersonNames(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("kiezwerk.graph.person-name-key must be 32 bytes, base64-encoded");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(String name) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(padded(name));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name; a value that was never sealed (a public person's) is returned as it is. */
    public String open(String stored) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return unpadded(cipher.doFinal(all, 12, all.length - 12));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return pseudonym(stored); // sealed with another key: unreadable here as well
        }
    }

    /** Padded to a multiple of 64 bytes, so that the sealed value's length tells next to nothing about the name's. */
    private static byte[] padded(String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[(plain.length / 64 + 1) * 64];
        System.arraycopy(plain, 0, padded, 0, plain.length);
        padded[plain.length] = (byte) 0x80; // ISO/IEC 7816-4: a marker, then zeros
        return padded;
    }

    private static String unpadded(byte[] padded) {
        int end = padded.length - 1;
        while (end > 0 && padded[end] == 0) {
            end--;
        }
        return new String(padded, 0, padded[end] == (byte) 0x80 ? end : padded.length, StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String value) {
        return value.startsWith(SEALED);
    }

    /** A stable stand-in for a sealed name: the same stored value always gives the same pseudonym. */
    public static String pseudonym(String sealed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sealed.getBytes(StandardCharsets.UTF_8));
            return "person-" + HexFormat.of().formatHex(hash, 0, 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
