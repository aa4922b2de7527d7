package org.kiezwerk.infra.connect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Leaves out headers whose value is null. Debezium's outbox event router puts every configured column
 * on the record as a header, null or not; Kiezwerk's records never carried a header without a value
 * (a tombstone has no CloudEvents headers, a message written outside a request no request id), and
 * a consumer that reads a header's bytes must not find null there.
 */
public class DropNullHeaders<R extends ConnectRecord<R>> implements Transformation<R> {

    @Override
    public R apply(R record) {
        boolean anyNull = false;
        for (Header header : record.headers()) {
            if (header.value() == null) {
                anyNull = true;
                break;
            }
        }
        if (!anyNull) {
            return record;
        }
        ConnectHeaders kept = new ConnectHeaders();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                kept.add(header);
            }
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.timestamp(), kept);
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
