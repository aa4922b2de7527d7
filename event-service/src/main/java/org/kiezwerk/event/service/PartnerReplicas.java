package org.kiezwerk.event.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.PartnerReplica;
import org.kiezwerk.event.domain.SharedEvent;
import org.kiezwerk.event.repository.PartnerReplicaRepository;
import org.kiezwerk.event.repository.SharedEventRepository;
import org.kiezwerk.event.service.EventAnnouncements.Happened;

/**
 * The local replica of the directory's partners. Applies a message only if it is newer than what the
 * replica has, so redeliveries and replays change nothing. The areas a message names (with the chain
 * above them) are recorded from every message, so that replaying the topic fills the area replica.
 */
@ApplicationScoped
public class PartnerReplicas {

    private static final Logger LOG = Logger.getLogger(PartnerReplicas.class);

    @Inject
    PartnerReplicaRepository replicas;

    @Inject
    SharedEventRepository events;

    @Inject
    EventService eventService;

    @Inject
    AreaReplicas areas;

    @Transactional
    public void changed(UUID id, String name, long version, List<AreaReplicas.Area> named) {
        areas.record(named);
        PartnerReplica replica = replicas.findById(id);
        if (replica == null) {
            replica = new PartnerReplica();
            replica.id = id;
            replica.version = -1;
        } else if (version <= replica.version) {
            return; // a redelivery or an overtaken message
        }
        replica.name = name;
        replica.version = version;
        replica.removed = false;
        replica.updatedAt = SharedEvent.now();
        if (!replicas.isPersistent(replica)) {
            replicas.persist(replica);
        }
    }

    /**
     * A partner left the directory: its future events where it was the only host are cancelled; in
     * its other future events its roles are dropped. Past events keep it, as the record of what was.
     */
    @Transactional
    public void removed(UUID id, String name, long version, List<AreaReplicas.Area> named, String requestId) {
        areas.record(named);
        PartnerReplica replica = replicas.findById(id);
        if (replica != null && replica.removed && replica.version >= version) {
            return; // seen before
        }
        boolean known = replica != null;
        if (!known) {
            replica = new PartnerReplica();
            replica.id = id;
        }
        replica.name = name;
        replica.version = version;
        replica.removed = true;
        replica.updatedAt = SharedEvent.now();
        if (!known) {
            replicas.persist(replica);
        }
        for (SharedEvent event : events.withPartnerAfter(id, SharedEvent.now())) {
            boolean onlyHost = event.hasHost(id) && event.hosts() == 1;
            if (onlyHost && event.status != EventStatus.CANCELLED) {
                event.status = EventStatus.CANCELLED;
                event.sequence++;
                event.updatedAt = SharedEvent.now();
                events.flush();
                eventService.announce(event, Happened.CANCELLED, requestId);
                LOG.infof("event %s cancelled: its only host %s left the directory", event.id, id);
            } else if (!onlyHost) {
                event.partners = new ArrayList<>(event.partners.stream().filter(p -> !p.partnerId.equals(id)).toList());
                if (id.equals(event.venuePartnerId)) {
                    event.venuePartnerId = null;
                }
                event.sequence++;
                event.updatedAt = SharedEvent.now();
                events.flush();
                eventService.announce(event, Happened.UPDATED, requestId);
            }
        }
    }
}
