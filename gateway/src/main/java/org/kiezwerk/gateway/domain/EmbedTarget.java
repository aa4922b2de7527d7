package org.kiezwerk.gateway.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a blog can embed: one partner (by id) or one area (neighbourhood, by code). Everything built from
 * it (the embed page's path, its feed, the front end's page) is composed from the parsed id or code,
 * never from the text it was read from.
 */
public record EmbedTarget(Kind kind, String key) {

    public enum Kind {
        PARTNER("partners", "partner"), NEIGHBOURHOOD("neighbourhoods", "neighbourhood");

        public final String segment;
        public final String parameter;

        Kind(String segment, String parameter) {
            this.segment = segment;
            this.parameter = parameter;
        }
    }

    /** A neighbourhood code as partner-service accepts it. */
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");
    private static final Pattern EMBED_PATH = Pattern.compile("/embed/(partners|neighbourhoods)/([^/]+)/?");
    private static final Pattern PAGE_FRAGMENT = Pattern.compile("/partners/([^/?]+)/?(\\?.*)?");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public EmbedTarget {
        if (kind == null || key == null) {
            throw new IllegalArgumentException("kind and key");
        }
    }

    public static Optional<EmbedTarget> partner(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmbedTarget(Kind.PARTNER, UUID.fromString(id).toString()));
    }

    public static Optional<EmbedTarget> neighbourhood(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmbedTarget(Kind.NEIGHBOURHOOD, code));
    }

    /**
     * The target of a page of this Kiezwerk ({@code base}): an embed page ({@code /embed/partners/<id>},
     * {@code /embed/neighbourhoods/<code>}) or the front end's page of a partner ({@code /#/partners/<id>}).
     * Any other host, port, scheme or path is not ours: empty.
     */
    public static Optional<EmbedTarget> ofPage(URI page, URI base) {
        if (page == null || page.getScheme() == null || page.getRawAuthority() == null || page.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = page.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        // https and http of the same host are one site (a proxy in front may end TLS)
        if (page.getHost() == null || !page.getHost().equalsIgnoreCase(base.getHost())
                || port(page) != port(base) && !(defaultPort(page) && defaultPort(base))) {
            return Optional.empty();
        }
        String path = page.getPath() == null ? "" : page.getPath();
        Matcher embed = EMBED_PATH.matcher(path);
        if (embed.matches()) {
            return embed.group(1).equals("partners") ? partner(embed.group(2)) : neighbourhood(embed.group(2));
        }
        if ((path.isEmpty() || path.equals("/") || path.equals("/index.html")) && page.getFragment() != null) {
            Matcher fragment = PAGE_FRAGMENT.matcher(page.getFragment());
            if (fragment.matches()) {
                return partner(fragment.group(1));
            }
        }
        return Optional.empty();
    }

    /** The embed page: {@code /embed/partners/<id>} or {@code /embed/neighbourhoods/<code>}. */
    public String embedPath() {
        return "/embed/" + kind.segment + "/" + key;
    }

    /** The Atom feed of its upcoming events (event-service). */
    public String feedPath() {
        return "/api/v1/events/feed.atom?" + kind.parameter + "=" + key;
    }

    /** Its page in the front end. */
    public String frontEndPath() {
        return kind == Kind.PARTNER ? "/#/partners/" + key : "/#/network?neighbourhood=" + key;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean defaultPort(URI uri) {
        return uri.getPort() < 0 || uri.getPort() == 80 || uri.getPort() == 443;
    }
}
