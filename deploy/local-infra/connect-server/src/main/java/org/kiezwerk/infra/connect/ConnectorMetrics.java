package org.kiezwerk.infra.connect;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * The worker's per-task error counts in Prometheus' text format at {@code GET /kiezwerk/metrics} on
 * Connect's own REST port, under the names Strimzi's JMX exporter gives the same MBeans
 * ({@code kafka_connect_task_error_total_records_skipped{connector,task}} …), so that one alert rule
 * (KiezwerkOutboxRecordsSkipped) serves the local worker and a Strimzi one. A record the broker refused
 * for good is skipped (errors.tolerance=all) and counted here.
 */
public final class ConnectorMetrics implements ConnectRestExtension {

    private static final String[] ATTRIBUTES = {"total-records-skipped", "total-record-errors", "total-record-failures",
            "total-errors-logged"};

    @Override
    public void register(ConnectRestExtensionContext context) {
        context.configurable().register(new Endpoint());
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public void close() {
    }

    /** The series, one line per connector task and attribute, sorted. */
    static String scrape() throws Exception {
        MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
        Map<String, Map<String, Double>> series = new TreeMap<>();
        for (ObjectName task : beans.queryNames(new ObjectName("kafka.connect:type=task-error-metrics,connector=*,task=*"), null)) {
            String labels = "{connector=\"" + task.getKeyProperty("connector") + "\",task=\"" + task.getKeyProperty("task") + "\"}";
            for (String attribute : ATTRIBUTES) {
                Object value = beans.getAttribute(task, attribute);
                if (value instanceof Number number) {
                    series.computeIfAbsent("kafka_connect_task_error_" + attribute.replace('-', '_'), n -> new TreeMap<>())
                            .put(labels, number.doubleValue());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        series.forEach((name, values) -> {
            text.append("# TYPE ").append(name).append(" gauge\n");
            values.forEach((labels, value) -> text.append(name).append(labels).append(' ').append(value).append('\n'));
        });
        return text.toString();
    }

    @Path("/kiezwerk/metrics")
    public static final class Endpoint {
        @GET
        @Produces("text/plain; version=0.0.4")
        public String metrics() throws Exception {
            return scrape();
        }
    }
}
