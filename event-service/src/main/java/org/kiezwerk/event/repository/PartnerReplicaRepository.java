package org.kiezwerk.event.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.kiezwerk.event.domain.PartnerReplica;

@ApplicationScoped
public class PartnerReplicaRepository implements PanacheRepositoryBase<PartnerReplica, UUID> {
}
