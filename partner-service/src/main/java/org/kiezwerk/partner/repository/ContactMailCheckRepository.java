package org.kiezwerk.partner.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kiezwerk.partner.domain.MailBounce;

/**
 * What the mail check found per partner (table contact_mail_check). A row counts only while it names
 * the partner's current e-mail: a changed address has no bounce and is due at once.
 */
@ApplicationScoped
public class ContactMailCheckRepository {

    @Inject
    EntityManager em;

    /** A partner's contact to probe. */
    public record Due(UUID partnerId, String email) {
    }

    /** Active partners with an e-mail never probed, changed since, or last probed before {@code checkedBefore}; least recently first. */
    @SuppressWarnings("unchecked")
    public List<Due> due(OffsetDateTime checkedBefore, int limit) {
        List<Due> due = new ArrayList<>();
        for (Object row : em.createNativeQuery("select p.id, p.email from partner p"
                        + " left join contact_mail_check c on c.partner_id = p.id"
                        + " where p.status = 'ACTIVE' and p.email is not null and p.email <> ''"
                        + " and (c.partner_id is null or lower(c.email) <> lower(p.email) or c.checked_at < :before)"
                        + " order by c.checked_at nulls first, p.id limit :limit")
                .setParameter("before", checkedBefore).setParameter("limit", limit).getResultList()) {
            Object[] c = (Object[]) row;
            due.add(new Due((UUID) c[0], (String) c[1]));
        }
        return due;
    }

    /** The server accepted the recipient: no bounce. */
    public void accepted(UUID partnerId, String email, OffsetDateTime at) {
        em.createNativeQuery("insert into contact_mail_check (partner_id, email, checked_at, bounced_at, answer)"
                        + " values (:id, :email, :at, null, null) on conflict (partner_id) do update set email = excluded.email,"
                        + " checked_at = excluded.checked_at, bounced_at = null, answer = null")
                .setParameter("id", partnerId).setParameter("email", email).setParameter("at", at).executeUpdate();
    }

    /** A permanent refusal: bounced since now, or since the first bounce of the same address. */
    public void bounced(UUID partnerId, String email, OffsetDateTime at, String answer) {
        em.createNativeQuery("insert into contact_mail_check (partner_id, email, checked_at, bounced_at, answer)"
                        + " values (:id, :email, :at, :at, :answer) on conflict (partner_id) do update set email = excluded.email,"
                        + " checked_at = excluded.checked_at, answer = excluded.answer,"
                        + " bounced_at = case when lower(contact_mail_check.email) = lower(excluded.email)"
                        + " and contact_mail_check.bounced_at is not null then contact_mail_check.bounced_at else excluded.bounced_at end")
                .setParameter("id", partnerId).setParameter("email", email).setParameter("at", at)
                .setParameter("answer", answer).executeUpdate();
    }

    /** The bounces recorded for these partners; each names its address, see {@link MailBounce#appliesTo}. */
    @SuppressWarnings("unchecked")
    public Map<UUID, MailBounce> bounces(Collection<UUID> partners) {
        Map<UUID, MailBounce> found = new HashMap<>();
        if (partners.isEmpty()) {
            return found;
        }
        for (Object row : em.createNativeQuery("select c.partner_id, c.email, c.bounced_at, c.answer from contact_mail_check c"
                        + " where c.bounced_at is not null and c.partner_id in (:ids)")
                .setParameter("ids", partners).getResultList()) {
            Object[] c = (Object[]) row;
            found.put((UUID) c[0], new MailBounce((String) c[1], StaleRepository.time(c[2]), (String) c[3]));
        }
        return found;
    }
}
