package org.kiezwerk.gateway.repository;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;
import org.kiezwerk.gateway.api.StubServices;
import org.kiezwerk.gateway.repository.ApiKeyStore.StoredKey;

/**
 * Two replicas' key stores, each with its own cache, on one database: what a second gateway sees
 * of the first's writes (TwoGatewaysIT does the same with a second gateway process).
 */
@QuarkusTest
@WithTestResource(StubServices.class)
@WithTestResource(TestDatabase.class)
class ApiKeyStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource database;

    @Test
    void aRevocationThroughOneReplicaCountsOnTheOtherWithinASecond() throws Exception {
        ApiKeyStore one = new ApiKeyStore(database, Duration.ofMillis(500));
        ApiKeyStore two = new ApiKeyStore(database, Duration.ofMillis(500));
        StoredKey key = one.add(key("revoked elsewhere"));
        assertTrue(two.byHash(key.hash()).orElseThrow().active(), "a key made through one replica works on the other");
        assertTrue(one.byHash(key.hash()).orElseThrow().active());
        assertTrue(two.cached(key.hash()));

        one.revoke(key.id(), Instant.now());
        long revoked = System.nanoTime();
        assertFalse(one.byHash(key.hash()).orElseThrow().active(), "at once on the replica that revoked it");
        // an answer "active" must come from a lookup started within a second of the revocation
        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(30)).until(() -> {
            long asked = System.nanoTime();
            boolean active = two.byHash(key.hash()).orElseThrow().active();
            assertTrue(!active || asked - revoked < 1_000_000_000L, "the other replica still accepts the key a second after");
            return !active;
        });
        await("and stays revoked").during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(10))
                .until(() -> !two.byHash(key.hash()).orElseThrow().active());
    }

    @Test
    void concurrentWritesThroughTwoReplicasLoseNoKey() throws Exception {
        List<ApiKeyStore> replicas = List.of(new ApiKeyStore(database, Duration.ofMillis(500)),
                new ApiKeyStore(database, Duration.ofMillis(500)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<StoredKey>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                ApiKeyStore replica = replicas.get(i % 2);
                String name = "concurrent " + i;
                writes.add(pool.submit(() -> replica.add(key(name))));
            }
            List<StoredKey> written = new ArrayList<>();
            for (Future<StoredKey> write : writes) {
                written.add(write.get());
            }
            // and revocations through both at the same time: each one lands
            List<Future<?>> revocations = new ArrayList<>();
            for (int i = 0; i < written.size(); i += 3) {
                StoredKey key = written.get(i);
                revocations.add(pool.submit(() -> replicas.get(1).revoke(key.id(), Instant.now())));
            }
            for (Future<?> revocation : revocations) {
                revocation.get();
            }
            for (ApiKeyStore replica : replicas) {
                Set<UUID> listed = replica.all().stream().map(StoredKey::id).collect(Collectors.toSet());
                for (int i = 0; i < written.size(); i++) {
                    StoredKey key = written.get(i);
                    assertTrue(listed.contains(key.id()), key.name() + " lost");
                }
            }
            for (int i = 0; i < written.size(); i++) {
                StoredKey read = new ApiKeyStore(database, Duration.ZERO).byHash(written.get(i).hash()).orElseThrow();
                assertEquals(i % 3 != 0, read.active(), read.name());
                assertEquals(written.get(i).createdAt(), read.createdAt());
                assertEquals(Set.of("read"), read.scopes());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theJsonFileOfEarlierVersionsIsImportedOnceAndNoLongerUsed() throws Exception {
        ApiKeyStore store = new ApiKeyStore(database, Duration.ofMillis(500));
        String active = hash();
        String revoked = hash();
        UUID activeId = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();
        Path file = Path.of("target/import-test/api-keys.json");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file.resolveSibling("api-keys.json.migrated"));
        // as ApiKeyStore wrote it before the keys moved into the database
        String json = """
                [ {
                  "id" : "%s",
                  "name" : "calendar sync",
                  "hash" : "%s",
                  "prefix" : "kw_AbCdE",
                  "scopes" : [ "events:write", "read" ],
                  "organisations" : [ "%s" ],
                  "createdAt" : "2026-03-01T10:15:30.123456789Z",
                  "revokedAt" : null
                }, {
                  "id" : "%s",
                  "name" : "old exporter",
                  "hash" : "%s",
                  "prefix" : "kw_ZyXwV",
                  "scopes" : [ "read" ],
                  "organisations" : [ ],
                  "createdAt" : "2026-02-01T08:00:00Z",
                  "revokedAt" : "2026-02-15T08:00:00Z"
                } ]
                """.formatted(activeId, active, organisation, UUID.randomUUID(), revoked);
        Files.writeString(file, json);

        assertEquals(2, store.importFile(file).orElseThrow());
        assertFalse(Files.exists(file), "renamed, so that it is neither read nor written again");
        assertTrue(Files.exists(file.resolveSibling("api-keys.json.migrated")));
        StoredKey imported = store.byHash(active).orElseThrow();
        assertEquals(activeId, imported.id());
        assertEquals("calendar sync", imported.name());
        assertEquals(Set.of("events:write", "read"), imported.scopes());
        assertEquals(Set.of(organisation), imported.organisations());
        assertEquals(Instant.parse("2026-03-01T10:15:30.123456Z"), imported.createdAt());
        assertTrue(imported.active());
        assertEquals(Instant.parse("2026-02-15T08:00:00Z"), store.byHash(revoked).orElseThrow().revokedAt());

        assertTrue(store.importFile(file).isEmpty(), "no file, nothing to import");
        // a file that could not be renamed is imported again at the next start: nothing changes
        store.revoke(activeId, Instant.now());
        Files.writeString(file, json);
        assertEquals(0, store.importFile(file).orElseThrow());
        assertFalse(store.byHash(active).orElseThrow().active(), "a revocation made since stays");
    }

    private static StoredKey key(String name) {
        return new StoredKey(UUID.randomUUID(), name, hash(), "kw_test0", Set.of("read"), Set.of(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
    }

    private static String hash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
