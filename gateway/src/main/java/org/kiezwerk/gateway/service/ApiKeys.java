package org.kiezwerk.gateway.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.Scope;
import org.kiezwerk.gateway.repository.ApiKeyStore.StoredKey;
import org.kiezwerk.gateway.repository.ApiKeyStore;

/**
 * Creating, checking and revoking API keys. A key is 32 random bytes; with that much entropy a
 * plain SHA-256 of it is safe to store (no password-style slow hash needed) and cheap to check on
 * every request.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "kw_";

    /** A new key: the secret is handed out once and never again. */
    public record Issued(StoredKey key, String secret) {
    }

    private final ApiKeyStore store;
    private final GatewayConfig config;
    private final Clock clock;

    ApiKeys(ApiKeyStore store, GatewayConfig config) {
        this.store = store;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public Issued create(String name, Set<Scope> scopes, Set<UUID> organisations) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // to the microsecond, as the database keeps it: the answer shows what the list will show
        StoredKey key = new StoredKey(UUID.randomUUID(), name, hash(secret), secret.substring(0, 8),
                scopes.stream().map(Scope::code).collect(Collectors.toCollection(TreeSet::new)),
                Set.copyOf(organisations), clock.instant().truncatedTo(ChronoUnit.MICROS), null);
        return new Issued(store.add(key), secret);
    }

    /** The active key with this secret, if there is one. */
    public Optional<StoredKey> check(String secret) {
        if (!wellFormed(secret)) {
            return Optional.empty();
        }
        return store.byHash(hash(secret)).filter(StoredKey::active);
    }

    /** Whether {@link #check} would ask the database (blocking) rather than answer from the replica's cache. */
    public boolean needsLookup(String secret) {
        return wellFormed(secret) && !store.cached(hash(secret));
    }

    private static boolean wellFormed(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() <= 100;
    }

    public List<StoredKey> all() {
        return store.all();
    }

    public Optional<StoredKey> revoke(UUID id) {
        return store.revoke(id, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * At start: the keys of an earlier version's JSON file are imported into the database. Then, in
     * a local run: without any active admin key there would be no way in, so the first start creates
     * one, writes it to the configured file (readable by its owner only) and prints where it is.
     */
    void bootstrap(@Observes StartupEvent start) {
        config.security().apiKeysFile().map(Path::toAbsolutePath).ifPresent(file -> store.importFile(file).ifPresent(
                imported -> LOG.infof("Imported %d API keys from %s into the database (the file is now %s.migrated and no longer used)",
                        imported, file, file.getFileName())));
        Optional<Path> target = config.security().bootstrapAdminKeyFile();
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get().toAbsolutePath();
        try {
            if (Files.isRegularFile(file) && check(Files.readString(file).trim()).isPresent()) {
                LOG.infof("Admin API key: see %s", file);
                return;
            }
            Issued issued = create("bootstrap admin", Set.of(Scope.ADMIN), Set.of());
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, issued.secret() + System.lineSeparator());
            LOG.infof("Bootstrap admin API key created and written to %s: %s", file, issued.secret());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap admin key to " + file, e);
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
