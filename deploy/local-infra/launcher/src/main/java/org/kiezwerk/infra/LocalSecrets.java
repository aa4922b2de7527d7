package org.kiezwerk.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The local run's secrets, made on first start under {@code var/secrets} and never committed: the
 * key pair the gateway signs the services' identity with, a stand-in identity provider's key pair
 * for people's tokens, and the bootstrap admin key the gateway writes. (The API keys themselves are
 * in the gateway's database; an {@code api-keys.json} of earlier versions is imported from here once.)
 */
public final class LocalSecrets {

    private final Path dir;

    public LocalSecrets(Path varDir) {
        this.dir = varDir.resolve("secrets");
    }

    public Path dir() {
        return dir;
    }

    public Path adminKeyFile() {
        return dir.resolve("admin-api-key");
    }

    /** The admin key the gateway wrote on its first start. */
    public String adminKey() {
        try {
            return Files.readString(adminKeyFile()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no admin API key yet at " + adminKeyFile() + " (the gateway writes it when it starts)", e);
        }
    }

    /** Creates the key pairs that are missing. */
    public LocalSecrets ensure() {
        try {
            Files.createDirectories(dir);
            for (String name : new String[] {"identity", "people"}) {
                if (!Files.exists(dir.resolve(name + "-private.pem")) || !Files.exists(dir.resolve(name + "-public.pem"))) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    write(dir.resolve(name + "-private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
                    write(dir.resolve(name + "-public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
                }
            }
            Path nameKey = dir.resolve("person-name.key");
            if (!Files.exists(nameKey)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.createFile(nameKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(nameKey, Base64.getEncoder().encodeToString(key) + "\n");
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the services need: the public key of the identity the gateway signs, and the key that seals persons' names. */
    public Map<String, String> serviceEnvironment() {
        try {
            return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("identity-public.pem").toString(),
                    "KIEZWERK_GRAPH_PERSON_NAME_KEY", Files.readString(dir.resolve("person-name.key")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the gateway needs: its signing key, the identity provider's keys, the bootstrap key file,
     * and where earlier versions kept the API keys (imported into the database if still there).
     */
    public Map<String, String> gatewayEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("KIEZWERK_GATEWAY_SECURITY_IDENTITY_SIGNING_KEY", dir.resolve("identity-private.pem").toString());
        env.put("KIEZWERK_GATEWAY_SECURITY_API_KEYS_FILE", dir.resolve("api-keys.json").toString());
        env.put("KIEZWERK_GATEWAY_SECURITY_PEOPLE_PUBLIC_KEY", dir.resolve("people-public.pem").toString());
        env.put("KIEZWERK_GATEWAY_SECURITY_PEOPLE_SIGNING_KEY", dir.resolve("people-private.pem").toString());
        env.put("KIEZWERK_GATEWAY_SECURITY_BOOTSTRAP_ADMIN_KEY_FILE", adminKeyFile().toString());
        return env;
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
    }
}
