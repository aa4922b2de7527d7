package org.kiezwerk.gateway.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * The API keys, by the SHA-256 hash of the key (the key itself is shown once, when created, and
 * never stored), in the gateway's PostgreSQL database, which every replica shares: a key made
 * through one replica works on all of them, and concurrent writes lose nothing.
 * <p>
 * Each replica keeps what it read of a key for a short while ({@code kiezwerk.gateway.security.api-key-cache},
 * 500 ms) so that a busy client costs one query per interval, not one per request. That interval is
 * also the longest a revocation through another replica takes to count here; a revocation through
 * this replica counts at once.
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

    /** The database cannot be reached (or failed): a caller with an API key gets 503, never a guess. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Past this many cached lookups the expired ones are dropped (and, if that is not enough, all). */
    static final int MAX_CACHED = 10_000;

    private static final String COLUMNS = "id, name, hash, prefix, scopes, organisations, created_at, revoked_at";

    private record Cached(Optional<StoredKey> key, long readAt) {
    }

    private final DataSource database;
    private final long cacheNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    ApiKeyStore(AgroalDataSource database, GatewayConfig config) {
        this(database, config.security().apiKeyCache());
    }

    /** A store with a cache of its own: what each gateway replica has. */
    ApiKeyStore(DataSource database, Duration cacheFor) {
        this.database = database;
        this.cacheNanos = Math.max(0, cacheFor.toNanos());
    }

    /** The key with this hash, revoked or not; from the cache if it was read within the cache interval. */
    public Optional<StoredKey> byHash(String hash) {
        Cached cached = cache.get(hash);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < cacheNanos) {
            return cached.key();
        }
        Optional<StoredKey> key = query("select " + COLUMNS + " from api_key where hash = ?", statement -> statement.setString(1, hash))
                .stream().findFirst();
        remember(hash, key, now);
        return key;
    }

    /** Whether {@link #byHash} would answer from the cache (without asking the database). */
    public boolean cached(String hash) {
        Cached cached = cache.get(hash);
        return cached != null && System.nanoTime() - cached.readAt() < cacheNanos;
    }

    public List<StoredKey> all() {
        return query("select " + COLUMNS + " from api_key order by created_at, id", statement -> {
        });
    }

    public StoredKey add(StoredKey key) {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into api_key (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(connection, insert, key);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        cache.remove(key.hash());
        return key;
    }

    /** Marks the key revoked (kept, so the list shows when); empty when there is no such key. */
    public Optional<StoredKey> revoke(UUID id, Instant at) {
        Optional<StoredKey> revoked = query("update api_key set revoked_at = coalesce(revoked_at, ?) where id = ? returning " + COLUMNS,
                statement -> {
                    statement.setObject(1, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
                    statement.setObject(2, id);
                }).stream().findFirst();
        // at once on this replica; the others see it when their cached read expires
        revoked.ifPresent(key -> cache.remove(key.hash()));
        return revoked;
    }

    /**
     * Imports the keys of the JSON file that earlier versions kept (ids, hashes, scopes and
     * revocations as they were) and renames the file {@code <name>.migrated}, so that it is neither
     * read nor written again. Keys already in the database are left as they are, so an import that
     * is repeated (a file that could not be renamed, two replicas starting at once) changes nothing.
     *
     * @return how many keys were new to the database; empty when there is no such file
     */
    public Optional<Integer> importFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<StoredKey> keys;
        try {
            keys = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), new TypeReference<List<StoredKey>>() {
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys to import from " + file, e);
        }
        int imported = 0;
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into api_key (" + COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                for (StoredKey key : keys == null ? List.<StoredKey>of() : keys) {
                    bind(connection, insert, key);
                    imported += insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        cache.clear();
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the import is repeatable: the next start finds the keys there and adds nothing
            Logger.getLogger(ApiKeyStore.class).warnf("Imported the API keys of %s but could not rename it: %s", file, e);
        }
        return Optional.of(imported);
    }

    private void remember(String hash, Optional<StoredKey> key, long readAt) {
        if (cache.size() >= MAX_CACHED) {
            long now = System.nanoTime();
            cache.values().removeIf(entry -> now - entry.readAt() >= cacheNanos);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        if (cacheNanos > 0) {
            cache.put(hash, new Cached(key, readAt));
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<StoredKey> query(String sql, Binder binder) {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<StoredKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(read(rows));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, StoredKey key) throws SQLException {
        statement.setObject(1, key.id());
        statement.setString(2, key.name());
        statement.setString(3, key.hash());
        statement.setString(4, key.prefix());
        statement.setArray(5, connection.createArrayOf("text", new TreeSet<>(key.scopes()).toArray()));
        statement.setArray(6, connection.createArrayOf("uuid",
                (key.organisations() == null ? Set.of() : key.organisations()).toArray()));
        // PostgreSQL keeps microseconds (and would round the rest)
        statement.setObject(7, OffsetDateTime.ofInstant(key.createdAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        if (key.revokedAt() == null) {
            statement.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(8, OffsetDateTime.ofInstant(key.revokedAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    private static StoredKey read(ResultSet row) throws SQLException {
        Set<String> scopes = new LinkedHashSet<>();
        for (Object scope : elements(row.getArray("scopes"))) {
            scopes.add(scope.toString());
        }
        Set<UUID> organisations = new LinkedHashSet<>();
        for (Object organisation : elements(row.getArray("organisations"))) {
            organisations.add(organisation instanceof UUID id ? id : UUID.fromString(organisation.toString()));
        }
        OffsetDateTime revoked = row.getObject("revoked_at", OffsetDateTime.class);
        return new StoredKey(row.getObject("id", UUID.class), row.getString("name"), row.getString("hash"),
                row.getString("prefix"), Collections.unmodifiableSet(scopes), Collections.unmodifiableSet(organisations),
                row.getObject("created_at", OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static Object[] elements(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    private static Unavailable unavailable(SQLException e) {
        return new Unavailable("The API-key store (the gateway's database) cannot be reached: " + e.getMessage(), e);
    }
}
