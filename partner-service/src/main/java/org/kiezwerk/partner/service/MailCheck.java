package org.kiezwerk.partner.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.jboss.logging.Logger;
import org.kiezwerk.partner.config.MailCheckConfig;
import org.kiezwerk.partner.domain.MailBounce;
import org.kiezwerk.partner.repository.ContactMailCheckRepository;

/**
 * The optional mail check (issue 17): asks the configured SMTP server whether it would take mail for
 * each active partner's public contact e-mail, without sending any: EHLO, MAIL FROM:&lt;sender&gt;,
 * RCPT TO:&lt;contact&gt;, RSET, QUIT, never DATA. A permanent refusal (5xx) to RCPT records a
 * bounce with the server's answer; acceptance (2xx) clears it; anything else (4xx, a refused sender,
 * a connection that fails) changes nothing, and the contact is asked again on the next round.
 * Without {@code kiezwerk.freshness.mail-check.host} nothing is ever probed.
 */
@ApplicationScoped
public class MailCheck {

    private static final Logger LOG = Logger.getLogger(MailCheck.class);

    /** What one probe found. */
    public enum Outcome { ACCEPTED, BOUNCED, UNKNOWN }

    public record Probe(Outcome outcome, String answer) {
    }

    /** What a round did (for logs and tests). */
    public record Round(int probed, int accepted, int bounced, int unknown) {
        static final Round NOTHING = new Round(0, 0, 0, 0);
    }

    /** An address fit to put in an SMTP command: printable ASCII without spaces or angle brackets. */
    private static final Pattern SAFE_ADDRESS = Pattern.compile("[\\x21-\\x7e&&[^<>]]{1,320}");

    @Inject
    MailCheckConfig config;

    @Inject
    ContactMailCheckRepository checks;

    @Inject
    Confirmations confirmations;

    /** The bounces recorded for these partners; each names its address, see {@link MailBounce#appliesTo}. */
    public Map<UUID, MailBounce> bounces(Collection<UUID> partners) {
        return checks.bounces(partners);
    }

    public boolean enabled() {
        return config.host().filter(h -> !h.isBlank()).isPresent();
    }

    @Scheduled(every = "${kiezwerk.freshness.mail-check.interval:1h}", delayed = "${kiezwerk.freshness.mail-check.delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled()) {
            Round round = runOnce();
            LOG.infof("mail check: %d contacts probed, %d accepted, %d bounced, %d without a final answer", round.probed(),
                    round.accepted(), round.bounced(), round.unknown());
        }
    }

    /** One round: the contacts that are due, each probed once. Does nothing unless a host is configured. */
    public Round runOnce() {
        if (!enabled()) {
            return Round.NOTHING;
        }
        if (config.sender().filter(s -> SAFE_ADDRESS.matcher(s).matches()).isEmpty()) {
            LOG.warn("mail check: kiezwerk.freshness.mail-check.sender is not set (or not a plain address); nothing probed");
            return Round.NOTHING;
        }
        OffsetDateTime before = confirmations.now().minus(config.recheckAfter());
        List<ContactMailCheckRepository.Due> due = QuarkusTransaction.requiringNew()
                .call(() -> checks.due(before, config.batchSize()));
        int accepted = 0;
        int bounced = 0;
        int unknown = 0;
        for (ContactMailCheckRepository.Due contact : due) {
            Probe probe = probe(contact.email());
            OffsetDateTime at = confirmations.now();
            switch (probe.outcome()) {
                case ACCEPTED -> {
                    accepted++;
                    QuarkusTransaction.requiringNew().run(() -> checks.accepted(contact.partnerId(), contact.email(), at));
                }
                case BOUNCED -> {
                    bounced++;
                    QuarkusTransaction.requiringNew()
                            .run(() -> checks.bounced(contact.partnerId(), contact.email(), at, probe.answer()));
                }
                default -> unknown++;
            }
        }
        return new Round(due.size(), accepted, bounced, unknown);
    }

    /** One SMTP dialogue for one address; never sends DATA. */
    Probe probe(String email) {
        if (email == null || !SAFE_ADDRESS.matcher(email).matches()) {
            return new Probe(Outcome.UNKNOWN, null); // not probed: no command may carry it
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        SMTPClient client = new SMTPClient();
        client.setConnectTimeout(timeout);
        client.setDefaultTimeout(timeout);
        try {
            client.connect(config.host().orElseThrow(), config.port());
            client.setSoTimeout(timeout);
            if (!SMTPReply.isPositiveCompletion(client.getReplyCode())) {
                return new Probe(Outcome.UNKNOWN, answer(client));
            }
            if (!SMTPReply.isPositiveCompletion(client.sendCommand("EHLO", config.heloName()))
                    && !client.login(config.heloName())) { // a server without ESMTP: HELO
                return new Probe(Outcome.UNKNOWN, answer(client));
            }
            if (!client.setSender(config.sender().orElseThrow())) {
                LOG.warnf("mail check: the server refused the sender: %s", answer(client));
                return new Probe(Outcome.UNKNOWN, answer(client));
            }
            client.addRecipient(email);
            int code = client.getReplyCode();
            String answer = answer(client);
            client.reset();
            client.logout();
            if (SMTPReply.isPositiveCompletion(code)) {
                return new Probe(Outcome.ACCEPTED, answer);
            }
            return new Probe(code >= 500 && code < 600 ? Outcome.BOUNCED : Outcome.UNKNOWN, answer);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("mail check: no answer for a contact: %s", e.toString());
            return new Probe(Outcome.UNKNOWN, null);
        } finally {
            if (client.isConnected()) {
                try {
                    client.disconnect();
                } catch (IOException e) {
                    // closing: nothing left to do
                }
            }
        }
    }

    /** The server's reply as one line, without control characters, at most 500 characters. */
    private static String answer(SMTPClient client) {
        String reply = client.getReplyString();
        if (reply == null) {
            return null;
        }
        String line = reply.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
