package org.kiezwerk.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The demo neighbourhood (deploy/local/demo-neighbourhood.txt): one {@code PUT|POST <path> <json>}
 * per line, neighbourhoods first, then partners, offers, resources and shared events. PUT under
 * fixed ids (and idempotent POSTs) make a repeated load harmless. Used by the run command and tests.
 */
public final class DemoNeighbourhood {

    public static final String FILE = "deploy/local/demo-neighbourhood.txt";

    /** Sends every record to {@code base} (the gateway) with the given headers (credentials) and returns how many. */
    public static int load(Path file, URI base, java.util.Map<String, String> headers) throws IOException, InterruptedException {
        return load(file, base, path -> true, headers);
    }

    /**
     * Sends the records whose path passes the filter (a service's tests load only its own) and
     * returns how many. An event naming a partner that event-service has not replicated yet (422)
     * is retried for a minute: the replica follows the partner topic, a moment behind.
     */
    public static int load(Path file, URI base, Predicate<String> paths, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int count = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] request = line.split(" ", 3);
            if (request.length != 3 || !(request[0].equals("PUT") || request[0].equals("POST")) || !request[1].startsWith("/api/v1/")) {
                throw new IllegalStateException("demo line is not 'PUT|POST /api/v1/... {json}': " + line);
            }
            if (!paths.test(request[1])) {
                continue;
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request[1]))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(request[0], HttpRequest.BodyPublishers.ofString(request[2]));
            headers.forEach(builder::header); // who is writing: an API key, or a signed identity
            HttpRequest put = builder.build();
            HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (response.statusCode() == 422 && request[1].startsWith("/api/v1/events") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                response = http.send(put, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("demo record " + request[1] + " rejected (" + response.statusCode() + "): "
                        + response.body());
            }
            count++;
        }
        return count;
    }

    private DemoNeighbourhood() {
    }
}
