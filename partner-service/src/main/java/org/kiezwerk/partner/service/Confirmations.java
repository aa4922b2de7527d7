package org.kiezwerk.partner.service;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who confirms an entry, and when. The identity is the subject of the token the gateway signed
 * (an API key's "key:…" id, a person's account subject, a service), never a name or an e-mail.
 */
@ApplicationScoped
public class Confirmations {

    /** What an import records as its confirmer when no caller is known (it runs in the background). */
    public static final String IMPORT = "import";

    @Inject
    Provider<SecurityIdentity> identity;

    /** The one clock "N months ago" is measured by. */
    final Clock clock = Clock.systemUTC();

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The caller's subject; null outside a request or for an anonymous caller. */
    public String caller() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        SecurityIdentity who = identity.get();
        if (who.isAnonymous()) {
            return null;
        }
        String subject = who.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : who.getPrincipal().getName();
        return subject == null ? null : subject.length() > 200 ? subject.substring(0, 200) : subject;
    }

    /** The caller if there is one, else the given fallback (e.g. {@link #IMPORT}). */
    public String callerOr(String fallback) {
        String caller = caller();
        return caller != null ? caller : fallback;
    }
}
