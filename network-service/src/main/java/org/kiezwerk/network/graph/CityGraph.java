package org.kiezwerk.network.graph;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The city's actors and ties in memory (ids as indices, adjacency arrays with the strengths; a few MB
 * at 20,000 organisations and 100,000 ties), so that ego networks, introduction paths and the
 * city-wide analyses read what they need without a round trip per ring or batch, and without
 * loading the city per question.
 *
 * <p>A copy is only ever used while it is known to be current: every write of this service that
 * changes ties, actors or their strengths ({@link ChangesTies}) makes it stale, and so does another
 * writer (another replica, a migration) as soon as the periodic check sees the graph's fingerprint
 * move, and the turn of the day (ties that end). A stale copy is not used — the questions read
 * Neo4j as before — and is brought up to date in the background: in place when every change since
 * names the actors it touched ({@link #changed(Set)}: a cooperation tie's two organisations), by
 * reading just their relationships again; otherwise read whole, at most once per pause while changes
 * keep coming.
 */
@ApplicationScoped
public class CityGraph {

    private static final Logger LOG = Logger.getLogger(CityGraph.class);

    /** Reloads, one at a time, off the request threads (a daemon: nothing to stop at shutdown). */
    private static final ExecutorService RELOADS = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "city-graph-reload");
        thread.setDaemon(true);
        return thread;
    });

    /** At most one reload per this many milliseconds: a busy graph is not reloaded on every change. */
    private static final long RELOAD_PAUSE_MILLIS = 1000;

    /** How long a question right after the start waits for the first copy (about what loading 100,000 ties takes). */
    private static final long FIRST_LOAD_WAIT_SECONDS = 5;

    /** Made ready again after a change: the analyses use it to compute ahead of the first question. */
    public record Reloaded(Copy copy) {
    }

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    AnalysisGraph analysisGraph;

    @Inject
    Event<Reloaded> reloaded;

    private final AtomicLong changes = new AtomicLong();
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile Copy copy;
    private volatile boolean outdated;
    private volatile long lastReload;

    void onStart(@Observes StartupEvent event) {
        reloadSoon();
    }

    /** Called after every write that may change a tie, an actor or a strength (also when it failed: it may have committed). */
    public void changed() {
        changed(null);
    }

    /**
     * As {@link #changed()}, for a write that can only have changed relationships of these actors (all
     * of them in the graph before the write): the copy is then brought up to date by reading just their
     * relationships again. Null: unknown, the copy is read whole.
     */
    public void changed(Set<String> actors) {
        if (actors != null && actors.isEmpty()) {
            return; // nothing written
        }
        touch(actors == null ? UNKNOWN : new Touch(Set.copyOf(actors), Set.of(), 0, 0));
    }

    /**
     * After partner messages were applied: these organisations were created or updated (name, kind, profile),
     * none removed. The copy is brought up to date by reading just their nodes and relationships; the graph's
     * fingerprint must have moved by {@code created} more organisations and {@code versions} more in their summed
     * versions (else another writer changed something too, and the copy is read whole).
     */
    public void organisationsChanged(Set<String> organisations, long created, long versions) {
        if (organisations.isEmpty()) {
            return; // nothing written (a redelivered or overtaken message)
        }
        touch(new Touch(Set.copyOf(organisations), Set.copyOf(organisations), created, versions));
    }

    private void touch(Touch touch) {
        synchronized (touched) {
            long change = changes.incrementAndGet();
            touched.put(change, touch);
            while (touched.size() > MAX_TOUCHED) {
                touched.remove(touched.firstKey()); // too many at once: the copy is read whole
            }
        }
    }

    /**
     * What one change touched: the actors whose relationships it may have changed, the organisations whose
     * own node it may have created or changed, and what it added to the fingerprint's count and summed
     * versions of organisations.
     */
    record Touch(Set<String> actors, Set<String> organisations, long created, long versions) {
        Touch plus(Touch other) {
            Set<String> a = new LinkedHashSet<>(actors);
            a.addAll(other.actors);
            Set<String> o = new LinkedHashSet<>(organisations);
            o.addAll(other.organisations);
            return new Touch(a, o, created + other.created, versions + other.versions);
        }
    }

    private static final Touch UNKNOWN = new Touch(Set.of("?unknown"), Set.of(), 0, 0);

    private static final Touch NOTHING = new Touch(Set.of(), Set.of(), 0, 0);

    /** Beyond this many changes pending the copy is read whole (a bound on what is remembered; the actors are bounded below). */
    private static final int MAX_TOUCHED = 5_000;

    /** Beyond this many actors touched since the copy was read, it is read whole rather than by their ids. */
    private static final int MAX_TOUCHED_ACTORS = 2_000;

    /** The changes not yet in the copy, by number: what each touched ({@link #UNKNOWN}: read the copy whole). */
    private final TreeMap<Long, Touch> touched = new TreeMap<>();

    /** What the changes after {@code since} up to {@code until} touched together; empty if one is unknown or forgotten. */
    private Optional<Touch> touchedBetween(long since, long until) {
        synchronized (touched) {
            touched.headMap(since, true).clear();
            Touch all = NOTHING;
            for (long change = since + 1; change <= until; change++) {
                Touch these = touched.get(change);
                if (these == null || these == UNKNOWN) {
                    return Optional.empty(); // unknown or forgotten
                }
                all = all.plus(these);
                if (all.actors().size() > MAX_TOUCHED_ACTORS) {
                    return Optional.empty(); // an import's worth: one pass over the city costs less than asking by id
                }
            }
            return Optional.of(all);
        }
    }

    /** Counted down once the first copy is there (or its load failed). */
    private final CountDownLatch firstLoad = new CountDownLatch(1);

    /**
     * The copy if it is current; otherwise empty (read Neo4j) and a reload is on its way. Right after
     * the start a question waits a few seconds for the first copy rather than reading the city itself
     * beside the load.
     */
    public Optional<Copy> current() {
        if (copy == null) {
            try {
                firstLoad.await(FIRST_LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Copy now = copy;
        if (now != null && !outdated && now.changes == changes.get() && now.day.equals(LocalDate.now())) {
            return Optional.of(now);
        }
        reloadSoon();
        return Optional.empty();
    }

    /**
     * As {@link #current()}, but a stale copy is waited for while it is brought up to date (at most two reloads and
     * {@link #FIRST_LOAD_WAIT_SECONDS}): for a question that would otherwise read the whole city from Neo4j itself,
     * when bringing the copy up to date after a change takes milliseconds. Empty if changes keep coming.
     */
    public Optional<Copy> currentAfterReload() {
        long seen = reloadsDone.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_LOAD_WAIT_SECONDS);
        Optional<Copy> now = current();
        while (now.isEmpty() && reloadsDone.get() < seen + 2 && System.nanoTime() < deadline) {
            synchronized (reloadsDone) {
                try {
                    reloadsDone.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            now = current();
        }
        return now;
    }

    /**
     * Whether a copy of the city has been read since the start (it may be stale by now and be read again meanwhile). If
     * not, a read is asked for: the first may have failed with Neo4j away, and a replica that is not ready yet gets no
     * questions that would ask for it (see CityCopyReadiness).
     */
    public boolean readOnce() {
        if (copy != null) {
            return true;
        }
        reloadSoon();
        return false;
    }

    /** Counts finished reloads (in place or whole, or failed); notified at each. */
    private final AtomicLong reloadsDone = new AtomicLong();

    /**
     * Marks a write of this service to the graph as under way, until its {@link #changed} (or
     * {@link #organisationsChanged}) and {@link #writeEnds()}, on the same thread. The fingerprint the copy is
     * compared with is taken between such writes ({@link #quietly}): a write committed but not yet announced
     * would look like someone else's change and have the copy read whole instead of in place.
     */
    public void writeStarts() {
        // a write never waits long for the copy's bookkeeping (a fingerprint that hangs with Neo4j): after a second
        // it goes on without the lock, and the worst that follows is one whole read of the copy
        boolean held;
        try {
            held = writes.readLock().tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held = false;
        }
        HELD.get().push(held);
    }

    /** After {@link #writeStarts()} and the change it announced (in a finally block: also when the write failed). */
    public void writeEnds() {
        if (HELD.get().pop()) {
            writes.readLock().unlock();
        }
    }

    /** Per thread, whether each write under way got the lock (writes may nest: an intercepted call inside another). */
    private static final ThreadLocal<java.util.ArrayDeque<Boolean>> HELD = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    /** Shared by this service's writes to the graph, held alone while the fingerprint is taken (one statement, every few seconds). */
    final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();

    /** How many changes were announced when the graph had this fingerprint. */
    private record Snapshot(long changes, AnalysisGraph.Fingerprint state) {
    }

    /** The count of changes announced and the graph's fingerprint, taken together between writes; empty if none ended within 2 s. */
    private Optional<Snapshot> quietly() throws InterruptedException {
        if (!writes.writeLock().tryLock(2, TimeUnit.SECONDS)) {
            return Optional.empty();
        }
        try {
            long before = changes.get();
            return Optional.of(new Snapshot(before, analysisGraph.fingerprint()));
        } finally {
            writes.writeLock().unlock();
        }
    }

    /** Catches what bypassed this service's writes: another replica's, or the graph edited by hand. */
    @Scheduled(every = "${kiezwerk.graph.copy-check:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Copy now = copy;
        if (now == null || outdated || reloading.get()) {
            return; // a reload on its way compares its own fingerprint
        }
        if (now.changes != changes.get()) {
            reloadSoon(); // behind by this service's own writes: brought up to date (in place where they say what they touched)
            return;
        }
        try {
            Optional<Snapshot> taken = quietly();
            if (taken.isEmpty() || taken.get().changes() != now.changes) {
                return; // busy, or this service's own writes moved it: asked again at the next check
            }
            if (!taken.get().state().equals(now.state)) {
                outdated = true;
                reloadSoon();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // in doubt (Neo4j away, say) the copy is not used: the questions answer as Neo4j lets them, and it is read again
            outdated = true;
            reloadSoon();
            LOG.debugf("city graph check failed: %s", e.toString());
        }
    }

    private void reloadSoon() {
        if (!reloading.compareAndSet(false, true)) {
            return;
        }
        try {
            RELOADS.execute(this::reload);
        } catch (RuntimeException e) {
            reloading.set(false); // refused: the next question asks again
        }
    }

    private void reload() {
        try {
            Copy loaded = refresh().orElse(null);
            if (loaded == null) {
                long wait = lastReload + RELOAD_PAUSE_MILLIS - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                lastReload = System.currentTimeMillis();
                outdated = false;
                long started = System.nanoTime();
                loaded = load();
                fullLoads.incrementAndGet();
                // for operators: how long a question without the copy waits for it (seconds with Neo4j's cache cold)
                LOG.infof("city graph read whole: %d actors in %d ms (%s)", loaded.size(), (System.nanoTime() - started) / 1_000_000, wholeBecause);
            }
            copy = loaded;
            if (loaded.changes == changes.get()) {
                reloaded.fireAsync(new Reloaded(loaded));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("city graph not loaded: %s", e.toString()); // Neo4j away: the next question asks again
        } finally {
            reloading.set(false);
            firstLoad.countDown();
            synchronized (reloadsDone) {
                reloadsDone.incrementAndGet();
                reloadsDone.notifyAll();
            }
        }
    }

    /**
     * The copy brought up to date in place when every change since it was read names the actors it
     * touched (a tie asserted, confirmed, ended or removed): their relationships are read again, the
     * rest is shared. Exact, as a full read would be; empty if the copy must be read whole.
     */
    private Optional<Copy> refresh() throws InterruptedException {
        Copy now = copy;
        // the fingerprint must hold exactly the changes counted so far: taken between this service's writes
        Optional<Snapshot> taken = quietly();
        if (taken.isEmpty()) {
            return because("no moment without a write under way within 2 s");
        }
        long before = taken.get().changes();
        AnalysisGraph.Fingerprint state = taken.get().state();
        if (now == null || outdated || !now.day.equals(LocalDate.now()) || before == now.changes) {
            return because("first read, outdated, a new day or nothing to bring in");
        }
        Optional<Touch> touch = touchedBetween(now.changes, before);
        if (touch.isEmpty()) {
            return because("a change that did not say what it touched, or too many");
        }
        List<Object[]> nodes = new ArrayList<>();
        if (!touch.get().organisations().isEmpty()) {
            driver.executableQuery("""
                    MATCH (o:Organisation) WHERE o.id IN $ids AND o.version >= 0
                    RETURN o.id AS id, o.name AS name, o.kind AS kind
                    """).withParameters(Map.of("ids", List.copyOf(touch.get().organisations()))).withConfig(database.queries())
                    .execute().records().forEach(r -> nodes.add(new Object[] {r.get("id").asString(), r.get("name").asString(null),
                            r.get("kind").asString(null)}));
        }
        List<Object[]> around = new ArrayList<>();
        // by either end, each part able to start from the index on that end rather than from an OR of both
        driver.executableQuery(TieStrength.in(RELATIONSHIPS.replace(ONLY, " AND a.id IN $ids") + "UNION ALL\n"
                        + RELATIONSHIPS.replace(ONLY, " AND b.id IN $ids AND NOT a.id IN $ids")))
                .withParameters(Map.of("ids", List.copyOf(touch.get().actors()))).withConfig(database.queries()).execute().records()
                .forEach(r -> around.add(new Object[] {r.get("a").asString(), r.get("b").asString(), r.get("kind").asString(),
                        r.get("strength").asDouble(0.0), date(r.get("until")), r.get("version").asLong(0)}));
        Optional<Copy> refreshed = now.with(touch.get(), nodes, around, before, state);
        if (refreshed.isEmpty()) {
            wholeBecause = "the graph moved by more than the changes said, or an actor is gone";
        }
        refreshed.ifPresent(c -> refreshes.incrementAndGet());
        return refreshed;
    }

    /** Why the copy was last read whole rather than in place (for the log line that says so). */
    private volatile String wholeBecause = "first read";

    private Optional<Copy> because(String why) {
        wholeBecause = why;
        return Optional.empty();
    }

    private final AtomicLong fullLoads = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    /** How often the copy was read whole, and how often brought up to date in place (for tests and the operators' metrics). */
    public record Reads(long whole, long inPlace) {
    }

    public Reads reads() {
        return new Reads(fullLoads.get(), refreshes.get());
    }

    /** Marks where the statement below is narrowed to some actors' relationships. */
    private static final String ONLY = "/*only*/";

    /** Every relationship the copy holds, once, with its strength by the same rules as every statement that weighs ties (TieStrength). */
    private static final String RELATIONSHIPS = """
            MATCH (a:Organisation)-[c:COOPERATES]->(b:Organisation)
            WHERE a.version >= 0 AND b.version >= 0 AND a <> b /*only*/
            RETURN a.id AS a, b.id AS b, 'cooperation' AS kind, {cooperation} AS strength, c.until AS until,
                   coalesce(c.version, 0) AS version
            UNION ALL
            MATCH (a:Organisation)-[c:CO_PRODUCES]->(b:Organisation)
            WHERE a.version >= 0 AND b.version >= 0 AND a <> b /*only*/
            RETURN a.id AS a, b.id AS b, 'co_production' AS kind, c.weight AS strength, null AS until, 0 AS version
            UNION ALL
            MATCH (a:Person)-[r:AFFILIATED]->(b:Organisation)
            WHERE b.version >= 0 /*only*/
            RETURN a.id AS a, b.id AS b, 'affiliation' AS kind,
                   CASE r.role WHEN 'leads' THEN 1.0 WHEN 'works_at' THEN 0.8 ELSE 0.6 END AS strength, r.until AS until,
                   0 AS version
            UNION ALL
            MATCH (a:Person)-[k:KNOWS]->(b:Person)
            WHERE a <> b /*only*/
            RETURN a.id AS a, b.id AS b, 'acquaintance' AS kind, {acquaintance} AS strength, k.until AS until, 0 AS version
            """;

    private Copy load() throws InterruptedException {
        LocalDate day = LocalDate.now();
        // taken first, between this service's writes: a write after it moves the fingerprint and the count of
        // changes, and is brought in after (in place where it says what it touched)
        Snapshot taken = quietly().orElseGet(() -> new Snapshot(changes.get(), analysisGraph.fingerprint()));
        long changesBefore = taken.changes();
        AnalysisGraph.Fingerprint state = taken.state();
        // streamed in one read transaction, record by record: buffered whole, 100,000 relationships' records took
        // about 50 MB of the 160 MB heap at once and the collections that came with them
        try (Session session = driver.session(database.readSessions())) {
            Builder builder = session.executeRead(tx -> {
                Builder read = new Builder(); // a retried transaction starts afresh
                tx.run("""
                        MATCH (o:Organisation) WHERE o.version >= 0
                        RETURN o.id AS id, o.name AS name, o.kind AS kind ORDER BY o.id
                        """).forEachRemaining(r -> read.actor(r.get("id").asString(), false, r.get("name").asString(null),
                        r.get("kind").asString(null), null));
                tx.run("MATCH (p:Person) RETURN p.id AS id, p.displayName AS name, p.scope AS scope ORDER BY p.id")
                        .forEachRemaining(r -> read.actor(r.get("id").asString(), true, r.get("name").asString(null), null,
                                r.get("scope").asString(null)));
                tx.run(TieStrength.in(RELATIONSHIPS.replace(ONLY, ""))).forEachRemaining(r -> read.tie(r.get("a").asString(),
                        r.get("b").asString(), r.get("kind").asString(), r.get("strength").asDouble(0.0), date(r.get("until")),
                        r.get("version").asLong(0)));
                return read;
            });
            return builder.build(changesBefore, day, state);
        }
    }

    private static LocalDate date(Value value) {
        if (value.isNull()) {
            return null;
        }
        try {
            return value.asLocalDate();
        } catch (RuntimeException e) {
            return LocalDate.parse(value.asString().substring(0, 10));
        }
    }

    /** Receives one tie of an actor as {@link Copy#links} gives it. */
    public interface TieVisitor {
        void tie(int other, double strength, String kind);
    }

    /**
     * One relationship seen from one end; the other end holds the mirror. {@code until} null: no end.
     * {@code forward}: this end is where the relationship starts in Neo4j (persons' affiliations start at the person).
     * {@code version}: a cooperation's version (0 for the others), which the graph's fingerprint sums.
     */
    record Rel(int other, String kind, double strength, LocalDate until, boolean forward, long version) {
        boolean current(LocalDate today) {
            return until == null || !until.isBefore(today);
        }

        boolean organisational() {
            return kind.equals("cooperation") || kind.equals("co_production");
        }
    }

    /** Builds a copy; the tests build one by hand. */
    static final class Builder {
        final Map<String, Integer> index = new HashMap<>();
        final List<String> ids = new ArrayList<>();
        final List<Boolean> persons = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        final List<String> scopes = new ArrayList<>();
        final List<List<Rel>> rels = new ArrayList<>();

        void actor(String id, boolean person, String name, String kind, String scope) {
            if (index.putIfAbsent(id, ids.size()) != null) {
                return;
            }
            ids.add(id);
            persons.add(person);
            names.add(name);
            kinds.add(kind);
            scopes.add(scope);
            rels.add(new ArrayList<>(4));
        }

        void tie(String a, String b, String kind, double strength, LocalDate until) {
            tie(a, b, kind, strength, until, 0);
        }

        void tie(String a, String b, String kind, double strength, LocalDate until, long version) {
            Integer i = index.get(a);
            Integer j = index.get(b);
            if (i == null || j == null) {
                return;
            }
            String known = kind.intern(); // four kinds, not one string per relationship read
            rels.get(i).add(new Rel(j, known, strength, until, true, version));
            rels.get(j).add(new Rel(i, known, strength, until, false, version));
        }

        Copy build(long changes, LocalDate day, AnalysisGraph.Fingerprint state) {
            int n = ids.size();
            Rel[][] adjacency = new Rel[n][];
            for (int i = 0; i < n; i++) {
                adjacency[i] = rels.get(i).toArray(Rel[]::new);
            }
            boolean[] person = new boolean[n];
            for (int i = 0; i < n; i++) {
                person[i] = persons.get(i);
            }
            return new Copy(changes, day, state, new Object(), Map.copyOf(index), ids.toArray(String[]::new), person,
                    names.toArray(String[]::new), kinds.toArray(String[]::new), scopes.toArray(String[]::new), adjacency);
        }
    }

    /** One state of the graph, never changed once built. Person names as stored (sealed where they are). */
    public static final class Copy {
        final long changes;
        final LocalDate day;
        final AnalysisGraph.Fingerprint state;
        private final Map<String, Integer> index;
        private final String[] ids;
        private final boolean[] person;
        private final String[] names;
        private final String[] kinds;
        private final String[] scopes;
        private final Rel[][] adjacency;
        private final int[][] stored; // each relationship once, at its start: [actor, position in its row]
        /** Shared by copies with the same actors and relationships (only names or kinds changed): see {@link #structure()}. */
        private final Object structure;

        Copy(long changes, LocalDate day, AnalysisGraph.Fingerprint state, Object structure, Map<String, Integer> index,
                String[] ids, boolean[] person, String[] names, String[] kinds, String[] scopes, Rel[][] adjacency) {
            this.changes = changes;
            this.day = day;
            this.state = state;
            this.structure = structure;
            this.index = index;
            this.ids = ids;
            this.person = person;
            this.names = names;
            this.kinds = kinds;
            this.scopes = scopes;
            this.adjacency = adjacency;
            List<int[]> starts = new ArrayList<>();
            for (int i = 0; i < adjacency.length; i++) {
                for (int at = 0; at < adjacency[i].length; at++) {
                    if (adjacency[i][at].forward) {
                        starts.add(new int[] {i, at});
                    }
                }
            }
            this.stored = starts.toArray(int[][]::new);
        }

        /**
         * This copy with every relationship of some actors replaced by {@code around} (each relationship of
         * theirs once, as read from Neo4j: start, end, kind, strength, until), the rest shared. Empty if
         * one of them or the other end of a relationship is not in the copy (a new actor: read it whole).
         */
        Optional<Copy> with(Set<String> actors, List<Object[]> around, long changes, AnalysisGraph.Fingerprint state) {
            return with(new Touch(actors, Set.of(), 0, 0), List.of(), around, changes, state);
        }

        /**
         * This copy brought up to date in place: the touched organisations' own nodes as read again
         * ({@code nodes}: id, name, kind of those that exist as actors; one the copy does not hold yet is added),
         * and every relationship of the touched actors replaced by {@code around} (each relationship of theirs
         * once, as read from Neo4j: start, end, kind, strength, until, version), the rest shared. Empty when
         * only a full read is exact: an actor it holds is gone, an end of a relationship is unknown, or the
         * graph's fingerprint moved by more than these changes.
         */
        Optional<Copy> with(Touch touch, List<Object[]> nodes, List<Object[]> around, long changes, AnalysisGraph.Fingerprint state) {
            Map<String, Object[]> read = new HashMap<>();
            nodes.forEach(node -> read.put((String) node[0], node));
            String[] nextNames = names;
            String[] nextKinds = kinds;
            List<String> added = new ArrayList<>();
            for (String id : touch.organisations()) {
                Integer i = index.get(id);
                Object[] node = read.get(id);
                if (i == null) {
                    if (node != null) {
                        added.add(id);
                    }
                    continue;
                }
                if (person[i] || node == null) {
                    return Optional.empty(); // removed meanwhile (or a placeholder again): only a full read drops it
                }
                if (!Objects.equals(names[i], node[1]) || !Objects.equals(kinds[i], node[2])) {
                    if (nextNames == names) {
                        nextNames = names.clone();
                        nextKinds = kinds.clone();
                    }
                    nextNames[i] = (String) node[1];
                    nextKinds[i] = (String) node[2];
                }
            }
            // new organisations at the end: the analyses and answers order actors by id, not by number
            Map<String, Integer> nextIndex = index;
            String[] nextIds = ids;
            boolean[] nextPerson = person;
            String[] nextScopes = scopes;
            Rel[][] base = adjacency;
            if (!added.isEmpty()) {
                int n = ids.length + added.size();
                Map<String, Integer> grown = new HashMap<>(index);
                nextIds = Arrays.copyOf(ids, n);
                nextPerson = Arrays.copyOf(person, n);
                nextNames = Arrays.copyOf(nextNames, n);
                nextKinds = Arrays.copyOf(nextKinds, n);
                nextScopes = Arrays.copyOf(scopes, n);
                base = Arrays.copyOf(adjacency, n);
                for (int k = 0; k < added.size(); k++) {
                    int i = ids.length + k;
                    Object[] node = read.get(added.get(k));
                    grown.put(added.get(k), i);
                    nextIds[i] = added.get(k);
                    nextNames[i] = (String) node[1];
                    nextKinds[i] = (String) node[2];
                    base[i] = new Rel[0];
                }
                nextIndex = Map.copyOf(grown);
            }
            Rel[][] old = base;
            Set<Integer> touched = new LinkedHashSet<>();
            for (String id : touch.actors()) {
                Integer i = nextIndex.get(id);
                if (i == null) {
                    return Optional.empty();
                }
                touched.add(i);
            }
            Rel[][] next = base.clone();
            Map<Integer, List<Rel>> rows = new HashMap<>();
            // the neighbours keep their other relationships, without the mirrors of the touched actors' ones
            for (int i : touched) {
                rows.put(i, new ArrayList<>());
                for (Rel rel : old[i]) {
                    if (!touched.contains(rel.other)) {
                        rows.computeIfAbsent(rel.other, o -> new ArrayList<>(List.of(old[o])))
                                .removeIf(mirror -> mirror.other == i);
                    }
                }
            }
            for (Object[] r : around) {
                Integer a = nextIndex.get((String) r[0]);
                Integer b = nextIndex.get((String) r[1]);
                if (a == null || b == null) {
                    return Optional.empty();
                }
                String kind = ((String) r[2]).intern();
                double strength = (Double) r[3];
                LocalDate until = (LocalDate) r[4];
                long version = (Long) r[5];
                rows.computeIfAbsent(a, o -> new ArrayList<>(List.of(old[o]))).add(new Rel(b, kind, strength, until, true, version));
                rows.computeIfAbsent(b, o -> new ArrayList<>(List.of(old[o]))).add(new Rel(a, kind, strength, until, false, version));
            }
            // the graph's fingerprint must be this copy's with just these changes; else something else
            // changed too (another replica, say), which only a full read brings in
            Map<String, Object> expected = new HashMap<>(this.state.values());
            long[] before = cooperations(touched, i -> old[i]);
            long[] after = cooperations(touched, i -> rows.get(i).toArray(Rel[]::new));
            expected.put("cooperations", number(expected.get("cooperations")) - before[0] + after[0]);
            expected.put("cooperationVersions", number(expected.get("cooperationVersions")) - before[1] + after[1]);
            expected.put("organisations", number(expected.get("organisations")) + touch.created());
            expected.put("versions", number(expected.get("versions")) + touch.versions());
            Map<String, Object> actual = new HashMap<>(state.values());
            for (String key : List.of("cooperations", "cooperationVersions", "organisations", "versions")) {
                actual.put(key, number(actual.get(key)));
            }
            if (!expected.equals(actual)) {
                return Optional.empty();
            }
            // the same actors with the same relationships: the analyses' input is unchanged but for names and kinds
            boolean sameStructure = added.isEmpty();
            for (var row : rows.entrySet()) {
                sameStructure = sameStructure && sameRelationships(old[row.getKey()], row.getValue());
                next[row.getKey()] = row.getValue().toArray(Rel[]::new);
            }
            return Optional.of(new Copy(changes, day, state, sameStructure ? structure : new Object(), nextIndex, nextIds,
                    nextPerson, nextNames, nextKinds, nextScopes, next));
        }

        /** Whether two rows hold the same relationships, in any order. */
        private static boolean sameRelationships(Rel[] before, List<Rel> after) {
            if (before.length != after.size()) {
                return false;
            }
            Map<Rel, Integer> count = new HashMap<>();
            for (Rel rel : before) {
                count.merge(rel, 1, Integer::sum);
            }
            for (Rel rel : after) {
                Integer left = count.get(rel);
                if (left == null || left == 0) {
                    return false;
                }
                count.put(rel, left - 1);
            }
            return true;
        }

        /** Count and summed versions of the cooperation ties of some actors, each once. */
        private static long[] cooperations(Set<Integer> actors, java.util.function.IntFunction<Rel[]> rowOf) {
            long count = 0;
            long versions = 0;
            for (int i : actors) {
                for (Rel rel : rowOf.apply(i)) {
                    // each relationship once: from its start, or from here if its start is not among the actors
                    if (rel.kind.equals("cooperation") && (rel.forward || !actors.contains(rel.other))) {
                        count++;
                        versions += rel.version;
                    }
                }
            }
            return new long[] {count, versions};
        }

        private static long number(Object value) {
            return value instanceof Number n ? n.longValue() : 0;
        }

        /** The fingerprint of the graph this copy was read from: what the analyses' cache is keyed by. */
        public AnalysisGraph.Fingerprint state() {
            return state;
        }

        /**
         * The same object for two copies exactly when the second was brought up to date from the first without a
         * change to its actors or their relationships (a partner's name, kind or profile edited): what the analyses
         * compute from them is then the same, only the names and kinds they show may differ.
         */
        public Object structure() {
            return structure;
        }

        /** An organisation's kind (null for a person). */
        public String kind(int i) {
            return kinds[i];
        }

        /** The number of actors; they are numbered 0 to size - 1. */
        public int size() {
            return ids.length;
        }

        /** An actor's number, or -1 if the copy does not hold it. */
        public int number(String id) {
            Integer i = index.get(id);
            return i == null ? -1 : i;
        }

        public String id(int i) {
            return ids[i];
        }

        public boolean person(int i) {
            return person[i];
        }

        /** Actor i's name for an answer: a person's opened ({@code open}: it is stored sealed unless public). */
        public String name(int i, java.util.function.UnaryOperator<String> open) {
            return person[i] ? open.apply(names[i]) : names[i];
        }

        /** Whether the asker may see this actor (organisations always, persons by their consent scope). */
        public boolean visible(int i, Set<String> visibleScopes) {
            return !person[i] || scopes[i] != null && visibleScopes.contains(scopes[i]);
        }

        /** As {@link #links} for one actor, by number, without building a link per tie (the path search's inner loop). */
        public void ties(int i, Set<String> visibleScopes, LocalDate today, TieVisitor visitor) {
            for (Rel rel : adjacency[i]) {
                if (rel.other == i || !rel.current(today) || !visible(rel.other, visibleScopes)) {
                    continue;
                }
                visitor.tie(rel.other, rel.kind.equals("co_production") ? Math.min(rel.strength, 1.0) : rel.strength, rel.kind);
            }
        }

        /** As {@link PathGraph#actors}, without the names (the answer reads those of its own actors). */
        public List<PathGraph.Actor> actors(Collection<String> wanted, Set<String> visibleScopes) {
            List<PathGraph.Actor> actors = new ArrayList<>();
            for (String id : wanted) {
                Integer i = index.get(id);
                if (i != null && visible(i, visibleScopes)) {
                    actors.add(actor(i));
                }
            }
            return actors;
        }

        private PathGraph.Actor actor(int i) {
            return new PathGraph.Actor(ids[i], person[i] ? "person" : "organisation", null);
        }

        /** As {@link PathGraph#links}: the current ties of these actors, co-production capped at 1, persons by scope. */
        public List<PathGraph.Link> links(Collection<String> organisations, Collection<String> persons, Set<String> visibleScopes) {
            LocalDate today = LocalDate.now();
            List<PathGraph.Link> links = new ArrayList<>();
            for (Collection<String> side : List.of(organisations, persons)) {
                for (String id : side) {
                    Integer i = index.get(id);
                    if (i == null || !visible(i, visibleScopes)) {
                        continue;
                    }
                    for (Rel rel : adjacency[i]) {
                        if (rel.other == i || !rel.current(today) || !visible(rel.other, visibleScopes)) {
                            continue;
                        }
                        double strength = rel.kind.equals("co_production") ? Math.min(rel.strength, 1.0) : rel.strength;
                        links.add(new PathGraph.Link(id, actor(rel.other), strength, rel.kind));
                    }
                }
            }
            return links;
        }

        /** The combined strength of a's current organisational ties, per organisation on the other side. */
        private Map<Integer, Double> combined(int a, LocalDate today) {
            Map<Integer, Double> strengths = new LinkedHashMap<>();
            for (Rel rel : adjacency[a]) {
                if (rel.organisational() && rel.other != a && rel.current(today)) {
                    strengths.merge(rel.other, rel.strength, Double::sum);
                }
            }
            return strengths;
        }

        /** As {@link AnalysisGraph#egoNetwork}: the organisations within depth combined ties of at least minStrength, and the ties among them. */
        public AnalysisGraph.Network egoNetwork(String centre, int depth, double minStrength) {
            if (depth < 1 || depth > 3) {
                throw new IllegalArgumentException("depth must be 1 to 3");
            }
            Integer start = index.get(centre);
            if (start == null || person[start]) {
                return new AnalysisGraph.Network(List.of(), List.of());
            }
            LocalDate today = LocalDate.now();
            Set<Integer> members = new LinkedHashSet<>(List.of(start));
            Set<Integer> ring = Set.of(start);
            for (int i = 0; i < depth && !ring.isEmpty(); i++) {
                Set<Integer> next = new LinkedHashSet<>();
                for (int a : ring) {
                    combined(a, today).forEach((b, strength) -> {
                        if (strength >= minStrength && members.add(b)) {
                            next.add(b);
                        }
                    });
                }
                ring = next;
            }
            Map<String, AnalysisGraph.Node> nodes = new TreeMap<>();
            List<AnalysisGraph.Tie> ties = new ArrayList<>();
            for (int a : members) {
                nodes.put(ids[a], new AnalysisGraph.Node(ids[a], names[a], kinds[a]));
                combined(a, today).forEach((b, strength) -> {
                    if (members.contains(b) && ids[a].compareTo(ids[b]) < 0 && strength >= minStrength) {
                        ties.add(new AnalysisGraph.Tie(ids[a], ids[b], strength, "combined"));
                    }
                });
            }
            ties.sort(Comparator.comparing(AnalysisGraph.Tie::a).thenComparing(AnalysisGraph.Tie::b));
            return new AnalysisGraph.Network(List.copyOf(nodes.values()), ties);
        }

        /** As {@link AnalysisGraph#load} city-wide: every organisation, and one combined tie per pair. */
        public AnalysisGraph.Network organisations() {
            LocalDate today = LocalDate.now();
            List<AnalysisGraph.Node> nodes = new ArrayList<>();
            List<AnalysisGraph.Tie> ties = new ArrayList<>();
            for (int a = 0; a < ids.length; a++) {
                if (person[a]) {
                    continue;
                }
                nodes.add(new AnalysisGraph.Node(ids[a], names[a], kinds[a]));
                int from = a;
                combined(a, today).forEach((b, strength) -> {
                    if (ids[from].compareTo(ids[b]) < 0) {
                        ties.add(new AnalysisGraph.Tie(ids[from], ids[b], strength, "combined"));
                    }
                });
            }
            nodes.sort(Comparator.comparing(AnalysisGraph.Node::id));
            ties.sort(Comparator.comparing(AnalysisGraph.Tie::a).thenComparing(AnalysisGraph.Tie::b));
            return new AnalysisGraph.Network(nodes, ties);
        }

        /** As {@link AnalysisGraph#persons} city-wide; {@code open} makes a stored name readable. */
        public AnalysisGraph.Network persons(Set<String> visibleScopes, java.util.function.UnaryOperator<String> open) {
            LocalDate today = LocalDate.now();
            List<AnalysisGraph.Node> nodes = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (person[i] && visible(i, visibleScopes)) {
                    nodes.add(new AnalysisGraph.Node(ids[i], open.apply(names[i]), "person"));
                }
            }
            nodes.sort(Comparator.comparing(AnalysisGraph.Node::id));
            List<AnalysisGraph.Tie> ties = new ArrayList<>();
            for (int[] s : stored) {
                Rel rel = adjacency[s[0]][s[1]];
                int a = s[0];
                int b = rel.other;
                if (!person[a] || !rel.current(today) || !visible(a, visibleScopes) || !visible(b, visibleScopes)) {
                    continue;
                }
                if (rel.kind.equals("affiliation")) {
                    ties.add(new AnalysisGraph.Tie(ids[a], ids[b], rel.strength, "affiliation"));
                } else if (rel.kind.equals("acquaintance")) {
                    boolean ordered = ids[a].compareTo(ids[b]) < 0;
                    ties.add(new AnalysisGraph.Tie(ordered ? ids[a] : ids[b], ordered ? ids[b] : ids[a], rel.strength, "acquaintance"));
                }
            }
            // in a fixed order, whatever order the relationships were read or brought in place in: the analyses
            // number the ties as they come
            ties.sort(Comparator.comparing(AnalysisGraph.Tie::a).thenComparing(AnalysisGraph.Tie::b)
                    .thenComparing(AnalysisGraph.Tie::kind).thenComparingDouble(AnalysisGraph.Tie::strength));
            return new AnalysisGraph.Network(nodes, ties);
        }
    }
}
