package org.kiezwerk.gateway.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.kiezwerk.gateway.config.WebhookConfig;
import org.kiezwerk.gateway.domain.DeliveriesWaiting;
import org.kiezwerk.gateway.domain.WebhookDelivery;
import org.kiezwerk.gateway.domain.WebhookSignature;
import org.kiezwerk.gateway.domain.WebhookTarget;
import org.kiezwerk.gateway.repository.WebhookStore.Claimed;
import org.kiezwerk.gateway.repository.WebhookStore;
import org.kiezwerk.gateway.service.WebhookSecrets;

/**
 * Sends the recorded deliveries: signed CloudEvents (structured mode), each delivery the earliest pending
 * one of its aggregate, retried with exponential back-off until it is taken; a subscription with no
 * success for pause-after is paused (its deliveries wait, nothing is dropped). Every replica runs one;
 * they share the work through the database (a taken delivery is leased to one of them).
 */
@ApplicationScoped
public class WebhookCourier {

    private static final Logger LOG = Logger.getLogger(WebhookCourier.class);
    public static final String MEDIA_TYPE = "application/cloudevents+json";

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    private final Object signal = new Object();
    private volatile boolean running;
    private boolean woken;
    private Thread thread;
    private ExecutorService senders;
    private HttpClient http;
    private long lastPurge;

    WebhookCourier(WebhookStore store, WebhookSecrets secrets, WebhookConfig config) {
        this.store = store;
        this.secrets = secrets;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.deliveryEnabled()) {
            return;
        }
        senders = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), runnable -> {
            Thread sender = new Thread(runnable, "webhook-sender");
            sender.setDaemon(true);
            return sender;
        });
        // never follow a redirect: it could lead to a target the guard would refuse
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        running = true;
        thread = new Thread(this::run, "webhook-courier");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            senders.shutdownNow();
        }
    }

    /** New deliveries are due: look now rather than at the next poll. */
    void wake(@Observes DeliveriesWaiting ignored) {
        wake();
    }

    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        long failures = 0;
        while (running) {
            int sent = 0;
            try {
                sent = round();
                purge();
                failures = 0;
            } catch (RuntimeException e) {
                // the database is down, say: try again at the next round, without a line per second
                if (failures++ % 60 == 0) {
                    LOG.warnf("webhooks: cannot take deliveries: %s", e.getMessage());
                }
            }
            if (sent < batchSize()) {
                synchronized (signal) {
                    if (!woken && running) {
                        try {
                            signal.wait(config.pollInterval().toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    woken = false;
                }
            }
        }
    }

    private int batchSize() {
        return Math.max(1, config.concurrency()) * 4;
    }

    /** One round: take what is due and send it, several at once; returns how many were taken. */
    int round() {
        Duration lease = config.connectTimeout().plus(config.responseTimeout()).plusSeconds(30);
        List<Claimed> due = store.claim(batchSize(), lease, Instant.now());
        List<Future<?>> sending = due.stream().<Future<?>>map(claimed -> senders.submit(() -> send(claimed))).toList();
        for (Future<?> one : sending) {
            try {
                one.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.warnf("webhooks: a delivery failed unexpectedly: %s", e.getCause().toString());
            }
        }
        return due.size();
    }

    private void purge() {
        long now = System.currentTimeMillis();
        if (now - lastPurge > 3_600_000L) {
            lastPurge = now;
            int purged = store.purge(Instant.now().minus(config.retention()));
            if (purged > 0) {
                LOG.infof("webhooks: %d delivery log entries older than %s removed", purged, config.retention());
            }
        }
    }

    private void send(Claimed claimed) {
        WebhookDelivery delivery = claimed.delivery();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Instant started = Instant.now();
        if (body.length > config.maxPayloadBytes()) {
            store.attempted(delivery.id(), "undeliverable", null, "the message (" + body.length + " bytes) is larger than the limit of "
                    + config.maxPayloadBytes() + " bytes", 0, started, null);
            return;
        }
        if (!config.allowPrivateTargets()) {
            String refused = WebhookTarget.refusal(claimed.url()).orElse(null);
            if (refused != null) {
                failed(delivery, null, refused, 0, started);
                return;
            }
        }
        String id = delivery.id().toString();
        long timestamp = started.getEpochSecond();
        String signature;
        try {
            signature = WebhookSignature.sign(secrets.open(claimed.storedSecret()), id, timestamp, body);
        } catch (IllegalStateException e) {
            failed(delivery, null, e.getMessage(), 0, started);
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(claimed.url()).timeout(config.responseTimeout())
                .header("Content-Type", MEDIA_TYPE)
                .header("User-Agent", "Kiezwerk-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            // a URL the HTTP client cannot take: an attempt that failed, like any other
            failed(delivery, null, "the URL cannot be called", 0, started);
            return;
        }
        long begin = System.nanoTime();
        try {
            // only the status counts; the answer's body is not read (whatever its size)
            HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
            long latency = (System.nanoTime() - begin) / 1_000_000;
            if (answer.statusCode() / 100 == 2) {
                store.attempted(delivery.id(), "delivered", answer.statusCode(), null, latency, Instant.now(), null);
                store.succeeding(delivery.subscriptionId());
            } else {
                failed(delivery, answer.statusCode(), "the target answered " + answer.statusCode(), latency, Instant.now());
            }
        } catch (HttpTimeoutException e) {
            failed(delivery, null, "no answer within " + config.responseTimeout().toMillis() + " ms",
                    (System.nanoTime() - begin) / 1_000_000, Instant.now());
        } catch (IOException e) {
            failed(delivery, null, e instanceof ConnectException ? "the target refused the connection (or its name is unknown)"
                    : "the connection to the target failed", (System.nanoTime() - begin) / 1_000_000, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Due again after the back-off; a subscription without success for pause-after is paused with the reason. */
    private void failed(WebhookDelivery delivery, Integer answer, String error, long latency, Instant at) {
        Duration wait = backoff(delivery.attempts() + 1);
        store.attempted(delivery.id(), "pending", answer, error, latency, at, at.plus(wait));
        Instant since = store.failing(delivery.subscriptionId(), at);
        if (!at.isBefore(since.plus(config.pauseAfter()))) {
            String reason = "no successful delivery since " + since + "; the last attempt: " + error;
            store.pause(delivery.subscriptionId(), reason, at);
            LOG.warnf("webhooks: subscription %s paused: %s", delivery.subscriptionId(), reason);
        } else {
            LOG.debugf("webhooks: delivery %s failed (%s), again in %s", delivery.id(), error, wait);
        }
    }

    /** initial, 2 × initial, 4 × initial ... up to max. */
    Duration backoff(int attempts) {
        Duration wait = config.retryInitial();
        for (int i = 1; i < attempts && wait.compareTo(config.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }
}
