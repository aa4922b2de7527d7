package org.kiezwerk.infra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The tests' one way to read what a service really published: a consumer on every partition of a
 * topic, positioned at the end before the test writes anything, without a consumer group (nothing is
 * committed, so tests never disturb the services' own groups).
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicReader(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    /** A reader of {@code topic} that sees only what is published from now on. */
    public static TopicReader atEnd(String bootstrapServers, String topic) {
        return new TopicReader(consumerAtEnd(bootstrapServers, topic));
    }

    /** A bare consumer at the end of {@code topic}, for tests that poll by themselves. */
    public static KafkaConsumer<String, String> consumerAtEnd(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the test writes
        return consumer;
    }

    /** Everything read so far, after one more poll of up to {@code wait}. */
    public List<ConsumerRecord<String, String>> poll(Duration wait) {
        consumer.poll(wait).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** The records read so far (and by one more short poll) that match. */
    public List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        return poll(Duration.ofMillis(200)).stream().filter(filter).toList();
    }

    public KafkaConsumer<String, String> consumer() {
        return consumer;
    }

    /** The value of a header as text, or null when the record has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
