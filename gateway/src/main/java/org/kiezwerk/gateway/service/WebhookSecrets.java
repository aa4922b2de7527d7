package org.kiezwerk.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * Keeps webhook secrets encrypted at rest (AES-256-GCM). The gateway needs the secret itself to sign, so
 * a hash would not do; the key is derived from the gateway's identity signing key, the one secret every
 * gateway replica already has (a production start refuses to run without it). Replacing that key makes
 * the stored webhook secrets unreadable: their subscriptions must then be made again (docs/operators.md).
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final String ENCRYPTED = "aesgcm:";
    private static final String CLEAR = "clear:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    WebhookSecrets(GatewayConfig config) {
        this.key = config.security().identitySigningKey().map(path -> {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update("kiezwerk webhook secrets\0".getBytes(StandardCharsets.UTF_8));
                return new SecretKeySpec(digest.digest(Files.readAllBytes(path)), "AES");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the identity signing key " + path, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(null);
        if (key == null) {
            LOG.warn("No identity signing key configured: webhook secrets are stored unencrypted");
        }
    }

    public String seal(String secret) {
        if (key == null) {
            return CLEAR + secret;
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    public String open(String stored) {
        if (stored.startsWith(CLEAR)) {
            return stored.substring(CLEAR.length());
        }
        if (key == null || !stored.startsWith(ENCRYPTED)) {
            throw new IllegalStateException("a webhook secret cannot be read with this gateway's key");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a webhook secret cannot be read with this gateway's key (was the identity signing key replaced?)");
        }
    }
}
