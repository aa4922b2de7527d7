package org.kiezwerk.gateway.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * The API keys, by the SHA-256 hash of the key (the key itself is shown once, when created, and
 * never stored). A JSON file written atomically; it is read again when another process (a second
 * gateway on the same volume, an operator) changed it, so a revocation counts at once everywhere.
 */
@ApplicationScoped
public class ApiKeyStore {

    /** One key as stored: no secret in it, only its hash and the first characters to recognise it by. */
    public record StoredKey(UUID id, String name, String hash, String prefix, Set<String> scopes,
            Set<UUID> organisations, Instant createdAt, Instant revokedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;
    private Map<UUID, StoredKey> keys = new LinkedHashMap<>();
    private Map<String, StoredKey> byHash = Map.of();
    private FileTime loadedVersion;
    private long checkedAt;

    ApiKeyStore(GatewayConfig config) {
        this.file = config.security().apiKeysFile().toAbsolutePath();
    }

    public synchronized Optional<StoredKey> byHash(String hash) {
        refresh(false);
        return Optional.ofNullable(byHash.get(hash));
    }

    public synchronized List<StoredKey> all() {
        refresh(true);
        List<StoredKey> list = new ArrayList<>(keys.values());
        list.sort(Comparator.comparing(StoredKey::createdAt));
        return list;
    }

    public synchronized StoredKey add(StoredKey key) {
        refresh(true);
        keys.put(key.id(), key);
        save();
        return key;
    }

    /** Marks the key revoked (kept, so the list shows when); empty when there is no such key. */
    public synchronized Optional<StoredKey> revoke(UUID id, Instant at) {
        refresh(true);
        StoredKey key = keys.get(id);
        if (key == null) {
            return Optional.empty();
        }
        if (key.active()) {
            key = new StoredKey(key.id(), key.name(), key.hash(), key.prefix(), key.scopes(), key.organisations(),
                    key.createdAt(), at);
            keys.put(id, key);
            save();
        }
        return Optional.of(key);
    }

    private void refresh(boolean now) {
        long time = System.nanoTime();
        if (!now && loadedVersion != null && time - checkedAt < RECHECK_NANOS) {
            return;
        }
        checkedAt = time;
        try {
            FileTime version = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            if (version == null || version.equals(loadedVersion)) {
                return;
            }
            List<StoredKey> read = json.readValue(file.toFile(), new TypeReference<List<StoredKey>>() {
            });
            Map<UUID, StoredKey> loaded = new LinkedHashMap<>();
            read.forEach(key -> loaded.put(key.id(), key));
            install(loaded, version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys from " + file, e);
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            json.writeValue(temporary.toFile(), new ArrayList<>(keys.values()));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            install(keys, Files.getLastModifiedTime(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API keys to " + file, e);
        }
    }

    private void install(Map<UUID, StoredKey> loaded, FileTime version) {
        keys = new LinkedHashMap<>(loaded);
        Map<String, StoredKey> index = new LinkedHashMap<>();
        keys.values().forEach(key -> index.put(key.hash(), key));
        byHash = index;
        loadedVersion = version;
    }
}
