package org.kiezwerk.gateway.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kiezwerk.gateway.config.GatewayConfig;
import org.kiezwerk.gateway.domain.EmbedTarget;

/**
 * The embed pages a blog shows in an iframe (or through the {@code <kiezwerk-embed>} element):
 * {@code /embed/partners/{id}} and {@code /embed/neighbourhoods/{code}}. The page is the front end's
 * {@code embed.html} (built from src/main/webui) with the links a blog platform looks for: oEmbed
 * discovery and the Atom feed. Any site may frame it ({@code frame-ancestors *}); everything else about
 * its policy is as strict as the front end's: nothing inline, nothing from elsewhere, no cookies. It
 * reads the public API as an anonymous caller, so it shows public data only.
 */
@Path("/embed")
public class EmbedPage {

    /** The embed page's policy: the front end's, but framable by any site. */
    static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors *";
    static final int MAX_AGE = 300;
    static final String TEMPLATE = "META-INF/resources/embed.html";
    static final String LINKS = "<!--kiezwerk:links-->";

    private final GatewayConfig config;
    private volatile String template;

    EmbedPage(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @Path("/partners/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response partner(@PathParam("id") String id, @HeaderParam("X-Request-Id") String requestId,
            @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri) {
        return page(EmbedTarget.partner(id), "partner id (a UUID)", requestId, ifNoneMatch, uri);
    }

    @GET
    @Path("/neighbourhoods/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response neighbourhood(@PathParam("code") String code, @HeaderParam("X-Request-Id") String requestId,
            @HeaderParam("If-None-Match") String ifNoneMatch, @Context UriInfo uri) {
        return page(EmbedTarget.neighbourhood(code), "neighbourhood code", requestId, ifNoneMatch, uri);
    }

    private Response page(Optional<EmbedTarget> parsed, String what, String requestId, String ifNoneMatch, UriInfo uri) {
        EmbedTarget target = parsed.orElseThrow(() -> problem(Problem.notFound(
                "There is no embed page here: the path ends in a malformed " + what + ".")));
        String page = template();
        if (page == null) {
            throw problem(Problem.notFound("This gateway was built without its web front end."));
        }
        String origin = origin(base(config, uri));
        String self = origin + target.embedPath();
        String links = "<link rel=\"alternate\" type=\"application/json+oembed\" href=\""
                + escape(origin + "/api/v1/oembed?format=json&url=" + URLEncoder.encode(self, StandardCharsets.UTF_8)) + "\" />\n"
                + "    <link rel=\"alternate\" type=\"application/atom+xml\" href=\"" + escape(origin + target.feedPath()) + "\" />\n"
                + "    <link rel=\"canonical\" href=\"" + escape(self) + "\" />";
        byte[] body = page.replace(LINKS, links).getBytes(StandardCharsets.UTF_8);
        return cacheable(body, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"), ifNoneMatch, MAX_AGE)
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header(RequestIds.HEADER, RequestIds.orNew(requestId))
                .build();
    }

    /** The built page, its assets addressed from the root (the page lives two levels down). */
    private String template() {
        String read = template;
        if (read == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(TEMPLATE)) {
                if (in == null) {
                    return null;
                }
                read = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"./assets/", "\"/assets/");
                template = read;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return read;
    }

    /** Where the public reaches this gateway: the configured public URL, else the host the request was sent to. */
    static URI base(GatewayConfig config, UriInfo uri) {
        return config.publicUrl().orElseGet(uri::getBaseUri);
    }

    /** {@code https://host[:port]} without a trailing slash (a configured public URL may carry a path). */
    static String origin(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * 200 with the body, or 304 when If-None-Match names its tag; public for max-age seconds either way.
     * If-None-Match is compared here (a malformed one simply matches nothing).
     */
    static Response.ResponseBuilder cacheable(byte[] body, MediaType type, String ifNoneMatch, int maxAge) {
        String tag = "\"" + hash(body) + "\"";
        boolean unchanged = false;
        if (ifNoneMatch != null && ifNoneMatch.length() <= 2000) {
            for (String given : ifNoneMatch.split(",")) {
                String candidate = given.strip();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                unchanged |= candidate.equals(tag) || candidate.equals("*");
            }
        }
        Response.ResponseBuilder out = unchanged ? Response.notModified() : Response.ok(body, type);
        return out.header("ETag", tag).header("Cache-Control", "public, max-age=" + maxAge);
    }

    static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A refusal of the embed pages or oEmbed: framed by other sites and read by their caches, it carries
     * the pages' strict policy and is never cached.
     */
    static Problem problem(Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Security-Policy", SecurityHeaders.POLICY);
        headers.put(RequestIds.HEADER, RequestIds.orNew(null));
        if (problem.status == 503) {
            headers.put("Retry-After", "1");
        }
        return problem.withHeaders(headers);
    }
}
