package org.kiezwerk.gateway.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.kiezwerk.gateway.domain.WebhookDelivery;
import org.kiezwerk.gateway.domain.WebhookSubscription.Status;
import org.kiezwerk.gateway.domain.WebhookSubscription;

/**
 * Webhook subscriptions and their deliveries in the gateway's PostgreSQL database (plain JDBC, like the
 * API keys), shared by every replica. The secret column holds what {@code WebhookSecrets} made of the
 * secret (encrypted); the clear secret is never written here.
 */
@ApplicationScoped
public class WebhookStore {

    /** A delivery taken by one worker, with what it needs to send it. */
    public record Claimed(WebhookDelivery delivery, URI url, String storedSecret) {
    }

    /** A message recorded for a subscription. */
    public record NewDelivery(UUID subscriptionId, String eventId, String eventType, String aggregate, String payload,
            Instant recordedAt) {
    }

    private static final String SUBSCRIPTION = "id, owner, url, description, event_types, neighbourhoods, partners, secret, status,"
            + " paused_reason, paused_at, failing_since, created_at, updated_at";
    private static final String DELIVERY = "id, seq, subscription_id, origin, event_id, event_type, aggregate, payload, recorded_at,"
            + " status, attempts, next_attempt_at, last_attempt_at, last_status, last_error, last_latency_ms, delivered_at, created_at";

    private final DataSource database;

    WebhookStore(AgroalDataSource database) {
        this.database = database;
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    // --- subscriptions

    public void add(WebhookSubscription s, String storedSecret) {
        update("insert into webhook_subscription (" + SUBSCRIPTION + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (c, st) -> {
            st.setObject(1, s.id());
            st.setString(2, s.owner());
            st.setString(3, s.url().toString());
            st.setString(4, s.description());
            st.setArray(5, c.createArrayOf("text", s.eventTypes().toArray()));
            st.setArray(6, c.createArrayOf("text", s.neighbourhoods().toArray()));
            st.setArray(7, c.createArrayOf("uuid", s.partners().toArray()));
            st.setString(8, storedSecret);
            st.setString(9, s.status().code());
            st.setString(10, s.pausedReason());
            st.setObject(11, time(s.pausedAt()));
            st.setObject(12, time(s.failingSince()));
            st.setObject(13, time(s.createdAt()));
            st.setObject(14, time(s.updatedAt()));
        });
    }

    /** Replaces what an owner may change: target, description, types, filters. */
    public void change(WebhookSubscription s) {
        update("update webhook_subscription set url = ?, description = ?, event_types = ?, neighbourhoods = ?, partners = ?,"
                + " updated_at = ? where id = ?", (c, st) -> {
                    st.setString(1, s.url().toString());
                    st.setString(2, s.description());
                    st.setArray(3, c.createArrayOf("text", s.eventTypes().toArray()));
                    st.setArray(4, c.createArrayOf("text", s.neighbourhoods().toArray()));
                    st.setArray(5, c.createArrayOf("uuid", s.partners().toArray()));
                    st.setObject(6, time(s.updatedAt()));
                    st.setObject(7, s.id());
                });
    }

    /** The subscription (its secret as stored, in {@code secret}). */
    public Optional<WebhookSubscription> subscription(UUID id) {
        return query("select " + SUBSCRIPTION + " from webhook_subscription where id = ?", st -> st.setObject(1, id),
                WebhookStore::subscription).stream().findFirst();
    }

    /** An owner's subscriptions, or everybody's when owner is null. */
    public List<WebhookSubscription> subscriptions(String owner) {
        return owner == null
                ? query("select " + SUBSCRIPTION + " from webhook_subscription order by created_at, id", st -> {
                }, WebhookStore::subscription)
                : query("select " + SUBSCRIPTION + " from webhook_subscription where owner = ? order by created_at, id",
                        st -> st.setString(1, owner), WebhookStore::subscription);
    }

    public int count(String owner) {
        return query("select count(*) from webhook_subscription where owner = ?", st -> st.setString(1, owner), row -> row.getInt(1)).get(0);
    }

    public boolean remove(UUID id) {
        return update("delete from webhook_subscription where id = ?", (c, st) -> st.setObject(1, id)) > 0;
    }

    /** Paused: nothing is sent; deliveries keep being recorded, and are sent after a resume. */
    public void pause(UUID id, String reason, Instant at) {
        update("update webhook_subscription set status = 'paused', paused_reason = ?, paused_at = ?, updated_at = ? where id = ?", (c, st) -> {
            st.setString(1, reason);
            st.setObject(2, time(at));
            st.setObject(3, time(at));
            st.setObject(4, id);
        });
    }

    /** Active again: its waiting deliveries are due at once. */
    public void resume(UUID id, Instant at) {
        inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("update webhook_subscription set status = 'active', paused_reason = null,"
                    + " paused_at = null, failing_since = null, updated_at = ? where id = ?")) {
                st.setObject(1, time(at));
                st.setObject(2, id);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("update webhook_delivery set next_attempt_at = ? where subscription_id = ?"
                    + " and status = 'pending'")) {
                st.setObject(1, time(at));
                st.setObject(2, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** A failed attempt: since when the subscription has been failing (set now if it was not). */
    public Instant failing(UUID id, Instant at) {
        return query("update webhook_subscription set failing_since = coalesce(failing_since, ?) where id = ? returning failing_since",
                st -> {
                    st.setObject(1, time(at));
                    st.setObject(2, id);
                }, row -> row.getObject(1, OffsetDateTime.class).toInstant()).stream().findFirst().orElse(at);
    }

    public void succeeding(UUID id) {
        update("update webhook_subscription set failing_since = null where id = ? and failing_since is not null", (c, st) -> st.setObject(1, id));
    }

    // --- deliveries

    /** Records the messages of one poll for their subscriptions; a message recorded before is skipped. */
    public int record(List<NewDelivery> deliveries, Instant at) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into webhook_delivery (id, subscription_id, origin, event_id, event_type,"
                    + " aggregate, payload, recorded_at, status, next_attempt_at, created_at)"
                    + " values (?, ?, 'live', ?, ?, ?, ?, ?, 'pending', ?, ?) on conflict do nothing")) {
                for (NewDelivery d : deliveries) {
                    st.setObject(1, UUID.randomUUID());
                    st.setObject(2, d.subscriptionId());
                    st.setString(3, d.eventId());
                    st.setString(4, d.eventType());
                    st.setString(5, d.aggregate());
                    st.setString(6, d.payload());
                    st.setObject(7, time(d.recordedAt()));
                    st.setObject(8, time(at));
                    st.setObject(9, time(at));
                    st.addBatch();
                }
                return Arrays.stream(st.executeBatch()).map(n -> Math.max(n, 0)).sum();
            }
        });
    }

    /**
     * Takes up to {@code limit} due deliveries of active subscriptions for this worker (for {@code lease}; another
     * replica skips them meanwhile), each the earliest still pending of its aggregate and subscription, so that
     * a later change never overtakes an earlier one.
     */
    public List<Claimed> claim(int limit, Duration lease, Instant now) {
        return inTransaction(c -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select " + prefixed("d", DELIVERY) + ", s.url, s.secret"
                    + " from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id"
                    + " where d.status = 'pending' and s.status = 'active' and d.next_attempt_at <= ?"
                    + " and (d.leased_until is null or d.leased_until < ?)"
                    + " and not exists (select 1 from webhook_delivery e where e.subscription_id = d.subscription_id"
                    + "   and e.aggregate = d.aggregate and e.status = 'pending' and e.seq < d.seq)"
                    + " order by d.seq limit ? for update of d skip locked")) {
                st.setObject(1, time(now));
                st.setObject(2, time(now));
                st.setInt(3, limit);
                try (ResultSet row = st.executeQuery()) {
                    while (row.next()) {
                        claimed.add(new Claimed(delivery(row), URI.create(row.getString("url")), row.getString("secret")));
                    }
                }
            }
            if (!claimed.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement("update webhook_delivery set leased_until = ? where id = any(?)")) {
                    st.setObject(1, time(now.plus(lease)));
                    st.setArray(2, c.createArrayOf("uuid", claimed.stream().map(d -> d.delivery().id()).toArray()));
                    st.executeUpdate();
                }
            }
            return claimed;
        });
    }

    /** How an attempt went: delivered, or failed and due again at {@code nextAttempt} (or undeliverable). */
    public void attempted(UUID id, String status, Integer answer, String error, long latencyMs, Instant at, Instant nextAttempt) {
        update("update webhook_delivery set status = ?, attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?,"
                + " last_latency_ms = ?, next_attempt_at = coalesce(?, next_attempt_at), leased_until = null,"
                + " delivered_at = case when ? = 'delivered' then ? else delivered_at end where id = ?", (c, st) -> {
                    st.setString(1, status);
                    st.setObject(2, time(at));
                    if (answer == null) {
                        st.setNull(3, Types.INTEGER);
                    } else {
                        st.setInt(3, answer);
                    }
                    st.setString(4, error);
                    st.setInt(5, (int) Math.min(Integer.MAX_VALUE, latencyMs));
                    if (nextAttempt == null) {
                        st.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        st.setObject(6, time(nextAttempt));
                    }
                    st.setString(7, status);
                    st.setObject(8, time(at));
                    st.setObject(9, id);
                });
    }

    /** The log of a subscription, newest first, before the given position (exclusive) when one is given. */
    public List<WebhookDelivery> deliveries(UUID subscription, Long before, String status, int limit) {
        return query("select " + DELIVERY + " from webhook_delivery where subscription_id = ? and seq < ?"
                + (status == null ? "" : " and status = ?") + " order by seq desc limit ?", st -> {
                    st.setObject(1, subscription);
                    st.setLong(2, before == null ? Long.MAX_VALUE : before);
                    int i = 3;
                    if (status != null) {
                        st.setString(i++, status);
                    }
                    st.setInt(i, limit);
                }, WebhookStore::delivery);
    }

    public Optional<WebhookDelivery> delivery(UUID subscription, UUID id) {
        return query("select " + DELIVERY + " from webhook_delivery where subscription_id = ? and id = ?", st -> {
            st.setObject(1, subscription);
            st.setObject(2, id);
        }, WebhookStore::delivery).stream().findFirst();
    }

    /** A new delivery of the same message (redelivery), due at once, after everything already recorded. */
    public WebhookDelivery again(WebhookDelivery original, Instant at) {
        UUID id = UUID.randomUUID();
        update("insert into webhook_delivery (id, subscription_id, origin, event_id, event_type, aggregate, payload, recorded_at, status,"
                + " next_attempt_at, created_at) select ?, subscription_id, 'redelivery', event_id, event_type, aggregate, payload,"
                + " recorded_at, 'pending', ?, ? from webhook_delivery where id = ?", (c, st) -> {
                    st.setObject(1, id);
                    st.setObject(2, time(at));
                    st.setObject(3, time(at));
                    st.setObject(4, original.id());
                });
        return delivery(original.subscriptionId(), id).orElseThrow();
    }

    /**
     * Replay: each message recorded for the subscription in [from, to) (by its first, live delivery) is
     * delivered once more, in its original order.
     */
    public int replay(UUID subscription, Instant from, Instant to, Instant at) {
        return update("insert into webhook_delivery (id, subscription_id, origin, event_id, event_type, aggregate, payload, recorded_at,"
                + " status, next_attempt_at, created_at) select gen_random_uuid(), subscription_id, 'replay', event_id, event_type,"
                + " aggregate, payload, recorded_at, 'pending', ?, ? from webhook_delivery where subscription_id = ? and origin = 'live'"
                + " and recorded_at >= ? and recorded_at < ? order by seq", (c, st) -> {
                    st.setObject(1, time(at));
                    st.setObject(2, time(at));
                    st.setObject(3, subscription);
                    st.setObject(4, time(from));
                    st.setObject(5, time(to));
                });
    }

    /** Drops finished log entries older than the retention. */
    public int purge(Instant before) {
        return update("delete from webhook_delivery where status <> 'pending' and created_at < ?", (c, st) -> st.setObject(1, time(before)));
    }

    // --- plumbing

    interface ConnectionBinder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private int update(String sql, ConnectionBinder binder) {
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(c, st);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            binder.bind(st);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = st.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = database.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static String prefixed(String alias, String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).map(column -> alias + "." + column)
                .reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    private static WebhookSubscription subscription(ResultSet row) throws SQLException {
        Set<String> neighbourhoods = new LinkedHashSet<>();
        for (Object code : elements(row.getArray("neighbourhoods"))) {
            neighbourhoods.add(code.toString());
        }
        Set<UUID> partners = new LinkedHashSet<>();
        for (Object id : elements(row.getArray("partners"))) {
            partners.add(id instanceof UUID uuid ? uuid : UUID.fromString(id.toString()));
        }
        List<String> types = new ArrayList<>();
        for (Object type : elements(row.getArray("event_types"))) {
            types.add(type.toString());
        }
        return new WebhookSubscription(row.getObject("id", UUID.class), row.getString("owner"), URI.create(row.getString("url")),
                row.getString("description"), List.copyOf(types), Set.copyOf(neighbourhoods), Set.copyOf(partners),
                row.getString("secret"), Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getString("paused_reason"), instant(row, "paused_at"), instant(row, "failing_since"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static WebhookDelivery delivery(ResultSet row) throws SQLException {
        return new WebhookDelivery(row.getObject("id", UUID.class), row.getLong("seq"), row.getObject("subscription_id", UUID.class),
                row.getString("origin"), row.getString("event_id"), row.getString("event_type"), row.getString("aggregate"),
                row.getString("payload"), instant(row, "recorded_at"), row.getString("status"), row.getInt("attempts"),
                instant(row, "next_attempt_at"), instant(row, "last_attempt_at"), (Integer) row.getObject("last_status"),
                row.getString("last_error"), (Integer) row.getObject("last_latency_ms"), instant(row, "delivered_at"),
                instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Object[] elements(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static ApiKeyStore.Unavailable unavailable(SQLException e) {
        return new ApiKeyStore.Unavailable("The gateway's database cannot be reached: " + e.getMessage(), e);
    }
}
