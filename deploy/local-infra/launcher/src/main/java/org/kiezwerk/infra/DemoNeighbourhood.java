package org.kiezwerk.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo neighbourhood (deploy/local/demo-neighbourhood.txt): one {@code PUT <path> <json>} per
 * line, neighbourhoods first, then partners, offers and resources. PUT under fixed ids makes a
 * repeated load harmless. Used by the run command and by tests.
 */
public final class DemoNeighbourhood {

    public static final String FILE = "deploy/local/demo-neighbourhood.txt";

    /** Sends every record to {@code base} (the gateway or the partner-service) and returns how many. */
    public static int load(Path file, URI base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        int count = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] request = line.split(" ", 3);
            if (request.length != 3 || !request[0].equals("PUT") || !request[1].startsWith("/api/v1/")) {
                throw new IllegalStateException("demo line is not 'PUT /api/v1/... {json}': " + line);
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(request[1]))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(request[2])).build(), HttpResponse.BodyHandlers.ofString());
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
