package org.kiezwerk.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.EmbedTarget;

/**
 * The name of what a blog embeds, as an anonymous caller sees it (partner-service's public directory):
 * empty when there is no such public partner or area. Answers are kept for a minute, so that a blog
 * platform asking again and again costs the directory nothing.
 */
@ApplicationScoped
public class Embeds {

    /** partner-service did not answer usably: the caller may try again. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    static final Duration KEEP = Duration.ofSeconds(60);
    static final int KEPT = 2_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final Map<EmbedTarget, Known> known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EmbedTarget, Known> eldest) {
            return size() > KEPT;
        }
    });

    private record Known(Optional<String> name, long at) {
    }

    Embeds(GatewayConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** The partner's or area's public name; empty when an anonymous caller would not find it. */
    public Optional<String> name(EmbedTarget target) {
        long now = System.nanoTime();
        Known kept = known.get(target);
        if (kept != null && now - kept.at() < KEEP.toNanos()) {
            return kept.name();
        }
        Optional<String> name = target.kind() == EmbedTarget.Kind.PARTNER ? partnerName(target.key()) : areaName(target.key());
        known.put(target, new Known(name, now));
        return name;
    }

    private Optional<String> partnerName(String id) {
        JsonNode partner = get("/api/v1/partners/" + id);
        return partner == null ? Optional.empty() : text(partner.path("name"));
    }

    private Optional<String> areaName(String code) {
        // neighbourhoods are read by id; by code through the list of the area and what lies within it
        JsonNode page = get("/api/v1/neighbourhoods?limit=200&within=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
        if (page == null) {
            return Optional.empty();
        }
        for (JsonNode area : page.path("items")) {
            if (code.equals(area.path("code").asText())) {
                return text(area.path("name")).or(() -> Optional.of(code));
            }
        }
        return Optional.empty();
    }

    /** The body of a 200; null for a 4xx (none such, or not public); Unavailable otherwise. */
    private JsonNode get(String path) {
        URI uri = config.partnerServiceUrl().resolve(path);
        try {
            HttpResponse<String> answer = http.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() == 200) {
                return json.readTree(answer.body());
            }
            if (answer.statusCode() >= 400 && answer.statusCode() < 500) {
                return null;
            }
            throw new Unavailable("partner-service answered " + answer.statusCode());
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new Unavailable("partner-service: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
