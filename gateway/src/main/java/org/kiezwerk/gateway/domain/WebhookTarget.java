package org.kiezwerk.gateway.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may point: an absolute http(s) URL without credentials, and — unless private targets
 * are allowed (local runs, tests) — not at this machine, the local network or the cloud's metadata
 * address, so that nobody can make the gateway call into the network it stands in. Checked when a
 * subscription is made and again before each attempt (a name may resolve differently later).
 */
public final class WebhookTarget {

    static final int MAX_LENGTH = 2000;

    private WebhookTarget() {
    }

    /** The URL as a target, or {@link InvalidWebhook} on the field {@code url}. */
    public static URI parse(String url, boolean allowPrivate) {
        if (url == null || url.isBlank()) {
            throw new InvalidWebhook("url", "an http or https URL is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidWebhook("url", "at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidWebhook("url", "not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidWebhook("url", "only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidWebhook("url", "the URL needs a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidWebhook("url", "no credentials in the URL; the signature authenticates the gateway");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidWebhook("url", "no fragment (#...) in the URL");
        }
        if (!allowPrivate) {
            refusal(uri).ifPresent(reason -> {
                throw new InvalidWebhook("url", reason);
            });
        }
        return uri;
    }

    /**
     * Why the target must not be called (it is, or resolves to, a loopback, link-local, private or other
     * non-public address), or empty. A name that does not resolve (now) is no reason: its deliveries fail
     * and are retried like those to any target that is down.
     */
    public static Optional<String> refusal(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) {
            return Optional.of("the target must be a public host, not one of the local network");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("the target must be a public address, not loopback, link-local or private");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && first < 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // unique local fc00::/7
        }
        return true;
    }
}
