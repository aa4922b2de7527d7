package org.kiezwerk.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.EmbedTarget;
import org.kiezwerk.gateway.service.Embeds;

/**
 * oEmbed (https://oembed.com) for blog platforms: given the URL of a Kiezwerk embed page (or of a
 * partner's page in the front end), the HTML that embeds it — an iframe of the embed page. Only URLs
 * of this Kiezwerk are answered; the partner or area must be public. Anonymous, cached like a page.
 */
@Path("/api/v1/oembed")
@Tag(name = "Embedding", description = "Cards and maps of a partner or an area for blogs and websites (docs/integrators.md, \"Embedding\").")
public class OEmbedResource {

    static final int MAX_URL = 2000;
    /** How long a blog platform (or any cache) may keep an answer, in seconds. */
    static final int CACHE_AGE = 3600;
    static final int WIDTH = 480;
    static final int PARTNER_HEIGHT = 720;
    static final int AREA_HEIGHT = 640;

    @Schema(name = "OEmbed", description = "An oEmbed 1.0 response of type rich.")
    public record OEmbed(
            @Schema(enumeration = "1.0", required = true) String version,
            @Schema(enumeration = "rich", required = true) String type,
            @Schema(description = "The partner's or area's name.", required = true) String title,
            @JsonProperty("provider_name") @Schema(required = true) String providerName,
            @JsonProperty("provider_url") @Schema(required = true) String providerUrl,
            @Schema(description = "An iframe of the embed page.", required = true) String html,
            @Schema(required = true) int width,
            @Schema(required = true) int height,
            @JsonProperty("cache_age") @Schema(description = "Seconds a consumer may keep this answer.", required = true) int cacheAge) {
    }

    private final Embeds embeds;
    private final GatewayConfig config;
    private final ObjectMapper json;

    OEmbedResource(Embeds embeds, GatewayConfig config, ObjectMapper json) {
        this.embeds = embeds;
        this.config = config;
        this.json = json;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "oEmbed: the HTML that embeds a partner's or an area's card and map",
            description = "`url` is an embed page of this Kiezwerk (`/embed/partners/{id}`, `/embed/neighbourhoods/{code}`) or a"
                    + " partner's page in its front end (`/#/partners/{id}`). Answers carry Cache-Control and an ETag"
                    + " (If-None-Match gives 304).")
    @APIResponse(responseCode = "200", description = "The oEmbed response.", content = @Content(schema = @Schema(implementation = OEmbed.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match.")
    @APIResponse(responseCode = "400", description = "No url, a malformed or too long one, an unknown format, or a bad maxwidth/maxheight.")
    @APIResponse(responseCode = "404", description = "The url is no embeddable page of this Kiezwerk, or its partner or area is unknown or not public.")
    @APIResponse(responseCode = "501", description = "format=xml: oEmbed's answer to a format the provider does not offer.")
    @APIResponse(responseCode = "503", description = "The directory cannot be asked at the moment; Retry-After says when to try again.")
    public Response oembed(
            @Parameter(description = "The page to embed.", required = true, example = "https://kiezwerk.example.org/embed/partners/9f32d001-59a8-4643-b98c-83c6b6228d6b")
            @QueryParam("url") String url,
            @Parameter(description = "json, the only format offered (xml, which oEmbed also defines, answers 501).",
                    schema = @Schema(enumeration = "json")) @QueryParam("format") String format,
            @Parameter(description = "The widest the consumer can show (pixels).") @QueryParam("maxwidth") String maxWidth,
            @Parameter(description = "The highest the consumer can show (pixels).") @QueryParam("maxheight") String maxHeight,
            @Parameter(hidden = true) @HeaderParam("X-Request-Id") String requestId,
            @Parameter(hidden = true) @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri) {
        if (format != null && !format.isEmpty() && !format.equals("json")) {
            // oEmbed's own answer to a format it defines but a provider does not offer; anything else is bad input
            if (format.equals("xml")) {
                throw EmbedPage.problem(new Problem(501, "/problems/unsupported-format", "Not implemented", "Only format=json is offered."));
            }
            throw invalid("format", "json (or none)");
        }
        if (url == null || url.isBlank()) {
            throw invalid("url", "required: the URL of a Kiezwerk embed page or partner page");
        }
        if (url.length() > MAX_URL) {
            throw invalid("url", "at most " + MAX_URL + " characters");
        }
        URI page;
        try {
            page = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("url", "not a URL");
        }
        if (page.getScheme() == null || !page.getScheme().matches("(?i)https?") || page.getHost() == null) {
            throw invalid("url", "an absolute http or https URL is required");
        }
        int maxWidthGiven = size("maxwidth", maxWidth);
        int maxHeightGiven = size("maxheight", maxHeight);
        URI base = EmbedPage.base(config, uri);
        EmbedTarget target = EmbedTarget.ofPage(page, base).orElseThrow(() -> EmbedPage.problem(Problem.notFound(
                "That URL is no embeddable page of this Kiezwerk: use its /embed/partners/{id},"
                        + " /embed/neighbourhoods/{code} or a partner's page.")));
        int width = Math.min(WIDTH, maxWidthGiven);
        int height = Math.min(target.kind() == EmbedTarget.Kind.PARTNER ? PARTNER_HEIGHT : AREA_HEIGHT, maxHeightGiven);
        String name = embeds.name(target).orElseThrow(() -> EmbedPage.problem(Problem.notFound(
                target.kind() == EmbedTarget.Kind.PARTNER ? "There is no public partner " + target.key() + "."
                        : "There is no neighbourhood " + target.key() + ".")));
        String origin = EmbedPage.origin(base);
        String src = origin + target.embedPath();
        String html = "<iframe src=\"" + EmbedPage.escape(src) + "\" title=\"" + EmbedPage.escape("Kiezwerk: " + name)
                + "\" width=\"" + width + "\" height=\"" + height + "\" style=\"border:0;max-width:100%\" loading=\"lazy\""
                + " referrerpolicy=\"strict-origin-when-cross-origin\""
                + " sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>";
        OEmbed answer = new OEmbed("1.0", "rich", name, "Kiezwerk", origin + "/", html, width, height, CACHE_AGE);
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return EmbedPage.cacheable(body, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"), ifNoneMatch, CACHE_AGE)
                .header(RequestIds.HEADER, RequestIds.orNew(requestId)).build();
    }

    private static int size(String field, String value) {
        if (value == null || value.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int pixels = Integer.parseInt(value.strip());
            if (pixels >= 1 && pixels <= 100_000) {
                return pixels;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw invalid(field, "a whole number of pixels from 1 to 100000");
    }

    private static Problem invalid(String field, String message) {
        return EmbedPage.problem(Problem.invalid(field, message));
    }
}
