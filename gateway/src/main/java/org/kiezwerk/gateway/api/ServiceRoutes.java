package org.kiezwerk.gateway.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import org.kiezwerk.gateway.config.GatewayConfig;

/**
 * The gateway's routing table: which API prefix belongs to which service, and the handlers a request
 * passes on its way there, in this order — its request id, the security headers and the access log,
 * the rate limit, the cap on requests in flight, who is calling, whether they may, its body, and the
 * proxy. Each handler does one of these jobs.
 */
@ApplicationScoped
public class ServiceRoutes {

    /** The directory: partners and everything they are described by, and its Open Referral (HSDS) view. */
    static final List<String> PARTNER_SERVICE_PREFIXES = List.of("/api/v1/partners", "/api/v1/neighbourhoods",
            "/api/v1/taxonomies", "/api/v1/offers", "/api/v1/resources", "/hsds");
    static final List<String> EVENT_SERVICE_PREFIXES = List.of("/api/v1/events");
    static final List<String> NETWORK_SERVICE_PREFIXES = List.of("/api/v1/network", "/api/v1/analytics");

    private final GatewayConfig config;
    private final HeadLimits heads;
    private final RequestIds requestIds;
    private final SecurityHeaders securityHeaders;
    private final AccessLog accessLog;
    private final RateLimiter limiter;
    private final FrontDoor door;
    private final CallerIdentification callers;
    private final AccessCheck access;
    private final ServiceProxy proxy;

    ServiceRoutes(GatewayConfig config, HeadLimits heads, RequestIds requestIds, SecurityHeaders securityHeaders,
            AccessLog accessLog, RateLimiter limiter, FrontDoor door, CallerIdentification callers, AccessCheck access,
            ServiceProxy proxy) {
        this.config = config;
        this.heads = heads;
        this.requestIds = requestIds;
        this.securityHeaders = securityHeaders;
        this.accessLog = accessLog;
        this.limiter = limiter;
        this.door = door;
        this.callers = callers;
        this.access = access;
        this.proxy = proxy;
    }

    void routes(@Observes Router router) {
        // before anything else: a request line or headers beyond the limits get a problem, not bare text
        router.route().order(Integer.MIN_VALUE).handler(heads::handle);
        forward(router, "partner-service", config.partnerServiceUrl(), PARTNER_SERVICE_PREFIXES);
        forward(router, "event-service", config.eventServiceUrl(), EVENT_SERVICE_PREFIXES);
        forward(router, "network-service", config.networkServiceUrl(), NETWORK_SERVICE_PREFIXES);
        // anything else under /api is no resource of ours
        router.route("/api/*").order(Integer.MAX_VALUE - 1).handler(ServiceRoutes::notFound);
    }

    private void forward(Router router, String service, URI origin, List<String> prefixes) {
        Handler<RoutingContext> toService = proxy.to(service, origin);
        for (String prefix : prefixes) {
            for (String path : List.of(prefix, prefix + "/*")) {
                router.route(path).handler(requestIds::handle).handler(securityHeaders::handle).handler(accessLog::handle)
                        .handler(limiter::handle).handler(door::admit).handler(callers::handle).handler(access::handle)
                        .handler(door::readBody).handler(toService);
            }
        }
    }

    private static void notFound(RoutingContext context) {
        GatewayProblems.send(context, 404, GatewayProblems.notFound(context.request().path()));
    }
}
