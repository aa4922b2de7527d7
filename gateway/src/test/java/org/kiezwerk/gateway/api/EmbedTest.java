package org.kiezwerk.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kiezwerk.gateway.TestDatabase;

/** The embed pages and oEmbed (issue 17, part 3), against a stand-in for partner-service's public directory. */
@QuarkusTest
@WithTestResource(EmbedStubServices.class)
@WithTestResource(TestDatabase.class)
class EmbedTest {

    private static final String PARTNER = EmbedStubServices.PARTNER;

    private static String origin() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String oembed(String url) {
        return "/api/v1/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    private static void assumeFrontEnd() {
        Assumptions.assumeTrue(Thread.currentThread().getContextClassLoader().getResource("META-INF/resources/embed.html") != null,
                "built with -DskipWebui");
    }

    @Test
    void theEmbedPageMayBeFramedByAnySiteSetsNoCookieAndLinksItsOEmbedAndFeed() {
        assumeFrontEnd();
        Response page = given().urlEncodingEnabled(false).when().get("/embed/partners/" + PARTNER).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(containsString("frame-ancestors *"), startsWith("default-src 'self'"),
                        not(containsString("unsafe-eval")), not(containsString("script-src"))))
                .header("X-Frame-Options", nullValue())
                .header("Set-Cookie", nullValue())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", allOf(containsString("public"), containsString("max-age=")))
                .header("ETag", not(emptyOrNullString()))
                .extract().response();
        String self = origin() + "/embed/partners/" + PARTNER;
        String html = page.asString();
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"" + origin()
                + "/api/v1/oembed?format=json&amp;url=" + URLEncoder.encode(self, StandardCharsets.UTF_8) + "\""), html);
        assertTrue(html.contains("type=\"application/atom+xml\" href=\"" + origin() + "/api/v1/events/feed.atom?partner=" + PARTNER + "\""), html);
        assertTrue(html.contains("src=\"/assets/") && !html.contains("\"./assets/"), "assets from the root: " + html);
        assertFalse(html.contains("<!--kiezwerk:links-->"));
        // unchanged: 304 without a body
        given().urlEncodingEnabled(false).header("If-None-Match", page.header("ETag")).when().get("/embed/partners/" + PARTNER)
                .then().statusCode(304).header("ETag", page.header("ETag"));
        // an area's page links its own feed
        given().urlEncodingEnabled(false).when().get("/embed/neighbourhoods/lindenhof").then().statusCode(200)
                .body(containsString("/api/v1/events/feed.atom?neighbourhood=lindenhof"))
                .header("Content-Security-Policy", containsString("frame-ancestors *"));
    }

    @Test
    void everythingElseKeepsRefusingToBeFramed() {
        assumeFrontEnd();
        given().urlEncodingEnabled(false).when().get("/").then().statusCode(200).header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY");
        // the page's template as a plain file is no embed page
        given().urlEncodingEnabled(false).when().get("/embed.html").then().header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY");
        given().urlEncodingEnabled(false).when().get("/api/v1/oembed?url=x").then().header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void theElementScriptIsCachedAndMayBeLoadedByAnySite() {
        Assumptions.assumeTrue(Thread.currentThread().getContextClassLoader().getResource("META-INF/resources/kiezwerk-embed.js") != null,
                "built with -DskipWebui");
        given().urlEncodingEnabled(false).when().get("/kiezwerk-embed.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", allOf(containsString("public"), containsString("max-age=3600")))
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("Set-Cookie", nullValue())
                .body(containsString("kiezwerk-embed"));
    }

    @Test
    void aMalformedEmbedPathIsAProblem() {
        given().urlEncodingEnabled(false).when().get("/embed/partners/not-a-uuid").then().statusCode(404).contentType("application/problem+json")
                .body("type", is("/problems/not-found")).body("status", is(404));
        given().urlEncodingEnabled(false).when().get("/embed/neighbourhoods/Lindenhof%3Cscript%3E").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void oEmbedGivesAnIframeOfTheEmbedPageCachedWithAnETag() {
        String url = origin() + "/embed/partners/" + PARTNER;
        Response answer = given().urlEncodingEnabled(false).when().get(oembed(url) + "&format=json&maxwidth=400").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("version", is("1.0"))
                .body("type", is("rich"))
                .body("title", is(EmbedStubServices.PARTNER_NAME))
                .body("provider_name", is("Kiezwerk"))
                .body("provider_url", is(origin() + "/"))
                .body("width", is(400))
                .body("height", greaterThan(0))
                .body("cache_age", greaterThan(0))
                .header("Cache-Control", allOf(containsString("public"), containsString("max-age=")))
                .header("ETag", not(emptyOrNullString()))
                .header("Set-Cookie", nullValue())
                .extract().response();
        String html = answer.path("html");
        assertTrue(html.startsWith("<iframe src=\"" + url + "\""), html);
        // the partner's name is text in an attribute, never markup
        assertTrue(html.contains("title=\"Kiezwerk: Begegnungszentrum &lt;Lindenhof&gt; &amp; &quot;Freunde&quot;\""), html);
        assertFalse(html.contains("<Lindenhof>"), html);
        given().urlEncodingEnabled(false).header("If-None-Match", answer.header("ETag")).when().get(oembed(url) + "&format=json&maxwidth=400")
                .then().statusCode(304);
        // every look-up was anonymous: no credentials travel to the directory
        assertTrue(EmbedStubServices.ASKED.stream().allMatch(line -> line.endsWith("authorization=null")), EmbedStubServices.ASKED.toString());
    }

    @Test
    void oEmbedTakesTheFrontEndsPartnerPageAndAnArea() {
        given().urlEncodingEnabled(false).when().get(oembed(origin() + "/#/partners/" + PARTNER)).then().statusCode(200)
                .body("html", containsString("src=\"" + origin() + "/embed/partners/" + PARTNER + "\""));
        given().urlEncodingEnabled(false).when().get(oembed(origin() + "/embed/neighbourhoods/lindenhof?view=map")).then().statusCode(200)
                .body("title", is("Lindenhof"))
                .body("html", containsString("src=\"" + origin() + "/embed/neighbourhoods/lindenhof\""))
                .body("height", lessThanOrEqualTo(OEmbedResource.AREA_HEIGHT));
    }

    @Test
    void oEmbedRefusesWhatIsNotAPublicPageOfThisKiezwerk() {
        String unknown = "0c6a1a8e-1111-4222-8333-444455556666";
        String[][] refused = {
                // another site, or ours in disguise
                {"https://evil.example/embed/partners/" + PARTNER, "404"},
                {"http://localhost:" + RestAssured.port + "@evil.example/embed/partners/" + PARTNER, "404"},
                {"http://localhost:1/embed/partners/" + PARTNER, "404"},
                // no such partner or area
                {origin() + "/embed/partners/" + unknown, "404"},
                {origin() + "/embed/neighbourhoods/nowhere", "404"},
                // ours, but nothing to embed
                {origin() + "/embed/partners/../../api/v1/admin/api-keys", "404"},
                {origin() + "/api/v1/partners/" + PARTNER, "404"},
                // not a web address
                {"javascript:alert(document.domain)//" + origin() + "/embed/partners/" + PARTNER, "400"},
                {"file:///etc/passwd", "400"},
                {"/embed/partners/" + PARTNER, "400"},
                {"http://[::1", "400"},
                {origin() + "/embed/partners/" + PARTNER + "?x=" + "a".repeat(2100), "400"},
        };
        for (String[] hostile : refused) {
            int status = Integer.parseInt(hostile[1]);
            given().urlEncodingEnabled(false).when().get(oembed(hostile[0])).then().statusCode(status).contentType("application/problem+json")
                    .body("status", is(status)).body("title", not(emptyOrNullString())).body("instance", is("/api/v1/oembed"))
                    .body(not(containsString("java."))).body(not(containsString("<script")));
        }
        given().urlEncodingEnabled(false).when().get("/api/v1/oembed").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("url"));
        given().urlEncodingEnabled(false).when().get(oembed(origin() + "/embed/partners/" + PARTNER) + "&maxwidth=wide").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("maxwidth"));
        given().urlEncodingEnabled(false).when().get(oembed(origin() + "/embed/partners/" + PARTNER) + "&format=atom").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("format"));
        // a malformed If-None-Match matches nothing
        given().urlEncodingEnabled(false).header("If-None-Match", "\"unclosed, W/").when().get(oembed(origin() + "/embed/partners/" + PARTNER))
                .then().statusCode(200);
        // oEmbed's own answer to a format it defines but this provider does not offer
        given().urlEncodingEnabled(false).when().get(oembed(origin() + "/embed/partners/" + PARTNER) + "&format=xml").then().statusCode(501)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).when().post(oembed(origin() + "/embed/partners/" + PARTNER)).then().statusCode(405)
                .contentType("application/problem+json");
    }

    @Test
    void oEmbedIsInTheMergedApiDocument() {
        given().urlEncodingEnabled(false).when().get("/openapi").then().statusCode(200)
                .body("paths.'/api/v1/oembed'.get.responses.'200'.content.'application/json'.schema.'$ref'", is("#/components/schemas/OEmbed"))
                .body("paths.'/api/v1/oembed'.get.responses", hasKey("404"))
                .body("components.schemas.OEmbed.properties", hasKey("provider_name"));
    }
}
