package org.kiezwerk.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/** Webhooks for outside systems (docs/operators.md, "Webhooks"). */
@ConfigMapping(prefix = "kiezwerk.webhooks")
public interface WebhookConfig {

    /** Reads the topics into deliveries; off, nothing new is recorded (the worker still sends what is there). */
    @WithName("consumer.enabled")
    @WithDefault("true")
    boolean consumerEnabled();

    /** The topics whose messages are offered to subscriptions. */
    @WithDefault("kiezwerk.partners.v1,kiezwerk.events.v1,kiezwerk.ties.v1")
    List<String> topics();

    /** The consumer group of every gateway replica: each message is recorded by one of them. */
    @WithName("consumer.group")
    @WithDefault("gateway-webhooks")
    String consumerGroup();

    /** Sends the recorded deliveries. */
    @WithName("delivery.enabled")
    @WithDefault("true")
    boolean deliveryEnabled();

    /** Allows targets on loopback, link-local and private addresses: for local runs and tests only. */
    @WithName("allow-private-targets")
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** How long to wait for a connection to a target ... */
    @WithName("connect-timeout")
    @WithDefault("5s")
    Duration connectTimeout();

    /** ... and for its answer; then the attempt counts as failed. */
    @WithName("response-timeout")
    @WithDefault("10s")
    Duration responseTimeout();

    /** A message larger than this is not sent (its delivery is marked undeliverable, visible in the log). */
    @WithName("max-payload-bytes")
    @WithDefault("1048576")
    int maxPayloadBytes();

    /** The first retry waits this long, each further one twice as long ... */
    @WithName("retry.initial")
    @WithDefault("10s")
    Duration retryInitial();

    /** ... up to this. */
    @WithName("retry.max")
    @WithDefault("1h")
    Duration retryMax();

    /** A subscription with no successful delivery for this long is paused (retries keep going until then). */
    @WithName("pause-after")
    @WithDefault("P3D")
    Duration pauseAfter();

    /** How often the worker looks for due deliveries (it is also woken when new ones are recorded). */
    @WithName("poll-interval")
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries sent at once by one replica. */
    @WithDefault("4")
    int concurrency();

    /** Delivered entries of the log are kept this long (and can be replayed within it). */
    @WithDefault("P30D")
    Duration retention();

    /** Subscriptions one API key may have. */
    @WithName("max-per-owner")
    @WithDefault("25")
    int maxPerOwner();

    /** Records confirmation reminders for subscriptions that ask for them (once a day, kiezwerk.webhooks.reminders.every). */
    @WithName("reminders.enabled")
    @WithDefault("true")
    boolean remindersEnabled();

    /** A partner is reminded when it or one of its offers has not been confirmed for this many months ... */
    @WithName("reminders.months")
    @WithDefault("12")
    int remindersMonths();

    /** ... and again after this long while nobody confirms. */
    @WithName("reminders.repeat-after")
    @WithDefault("P30D")
    Duration remindersRepeatAfter();
}
