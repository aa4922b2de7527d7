package org.kiezwerk.partner.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.partner.domain.PartnerImport;

@ApplicationScoped
public class PartnerImportRepository implements PanacheRepositoryBase<PartnerImport, UUID> {

    /**
     * Claims the oldest open job: queued, or running without a heartbeat for a minute (its worker
     * died). SKIP LOCKED lets several instances share the work without both taking one job.
     */
    @SuppressWarnings("unchecked")
    public Optional<PartnerImport> claimNext() {
        List<PartnerImport> open = getEntityManager().createNativeQuery("select * from partner_import"
                        + " where status = 'QUEUED' or status = 'RUNNING' and heartbeat_at < now() - interval '1 minute'"
                        + " order by created_at limit 1 for update skip locked", PartnerImport.class)
                .getResultList();
        return open.stream().findFirst();
    }
}
