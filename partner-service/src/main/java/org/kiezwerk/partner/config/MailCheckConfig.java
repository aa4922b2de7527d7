package org.kiezwerk.partner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The optional mail check (issue 17, freshness): probes partners' public contact e-mails against a
 * configured SMTP server without sending mail (EHLO, MAIL FROM, RCPT TO, RSET, QUIT; never DATA).
 * Off unless {@code host} is set; see docs/operators.md.
 */
@ConfigMapping(prefix = "kiezwerk.freshness.mail-check")
public interface MailCheckConfig {

    /** The SMTP server that answers for the contacts' mailboxes (e.g. the city's relay); unset: no check at all. */
    Optional<String> host();

    @WithDefault("25")
    int port();

    /** The envelope sender of MAIL FROM; required when a host is set (without it the check does nothing). */
    Optional<String> sender();

    /** The name this service gives in EHLO. */
    @WithDefault("localhost")
    String heloName();

    /** A contact is probed again at most this often (ISO-8601, e.g. P30D). */
    @WithDefault("P30D")
    Duration recheckAfter();

    /** Connect and read timeout of one probe. */
    @WithDefault("10s")
    Duration timeout();

    /** How often a round runs (read by the scheduler); {@code off} disables the rounds. */
    @WithDefault("1h")
    String interval();

    /** How long after start the first round runs (read by the scheduler). */
    @WithDefault("5m")
    String delay();

    /** Contacts probed per round, at most. */
    @WithDefault("100")
    int batchSize();
}
