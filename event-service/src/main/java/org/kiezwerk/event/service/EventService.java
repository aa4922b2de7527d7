package org.kiezwerk.event.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.kiezwerk.commons.domain.Editor;
import org.kiezwerk.commons.domain.NotYourOrganisationException;
import org.kiezwerk.event.domain.EventPartner;
import org.kiezwerk.event.domain.EventStatus;
import org.kiezwerk.event.domain.InvalidEventException.FieldProblem;
import org.kiezwerk.event.domain.InvalidEventException;
import org.kiezwerk.event.domain.NotFoundException;
import org.kiezwerk.event.domain.OccurrenceCancellation;
import org.kiezwerk.event.domain.PartnerRole;
import org.kiezwerk.event.domain.Recurrence;
import org.kiezwerk.event.domain.SharedEvent;
import org.kiezwerk.event.domain.VersionMismatchException;
import org.kiezwerk.event.repository.PartnerReplicaRepository;
import org.kiezwerk.event.repository.SharedEventRepository;
import org.kiezwerk.event.service.EventAnnouncements.Happened;

/** Shared events: every change checked against the partner replica and announced through the outbox. */
@ApplicationScoped
public class EventService {

    @Inject
    SharedEventRepository events;

    @Inject
    PartnerReplicaRepository partners;

    @Inject
    EventAnnouncements announcements;

    /** A saved event and whether it is new. */
    public record Saved(SharedEvent event, boolean created) {
    }

    /** The partners hosting the event (host or co-host), if it exists: their editors may change it. */
    @Transactional
    public Optional<Set<UUID>> hostsOf(UUID id) {
        return events.findByIdOptional(id).map(event -> event.partners.stream()
                .filter(p -> p.role == PartnerRole.HOST || p.role == PartnerRole.CO_HOST)
                .map(p -> p.partnerId).collect(Collectors.toSet()));
    }

    @Transactional
    public SharedEvent get(UUID id) {
        return events.findByIdOptional(id).orElseThrow(() -> new NotFoundException("event", id));
    }

    /**
     * An editor may put on and change only events their own organisation hosts (or co-hosts): before
     * the change ({@code existing}) and, for a new version, after it ({@code change}).
     */
    @Transactional
    public void requireHostedBy(Editor by, UUID existing, EventChange change) {
        if (!by.bound()) {
            return;
        }
        boolean allowed = true;
        if (existing != null) {
            allowed = hostsOf(existing).map(hosts -> hosts.stream().anyMatch(by.organisations()::contains)).orElse(true);
        }
        if (change != null && change.partners() != null) {
            allowed &= change.partners().stream().anyMatch(p -> p != null && by.organisations().contains(p.partnerId)
                    && (p.role == PartnerRole.HOST || p.role == PartnerRole.CO_HOST));
        }
        if (!allowed) {
            throw new NotYourOrganisationException("You may change only events that an organisation you edit hosts.");
        }
    }

    @Transactional
    public SharedEvent create(EventChange change, Editor by, String requestId) {
        return put(UUID.randomUUID(), change, null, by, requestId).event();
    }

    /** PUT: replaces the event, or creates it under the caller's id. */
    @Transactional
    public Saved put(UUID id, EventChange change, Long expectedVersion, Editor by, String requestId) {
        requireHostedBy(by, id, change);
        SharedEvent event = events.findById(id);
        boolean created = event == null;
        if (created) {
            if (expectedVersion != null) {
                throw new VersionMismatchException(id, null);
            }
            event = new SharedEvent();
            event.id = id;
            event.createdAt = SharedEvent.now();
        } else {
            check(event, expectedVersion);
            if (change.describes(event)) {
                return new Saved(event, false); // the same state again: no new version, message or SEQUENCE
            }
        }
        EventStatus before = event.status;
        boolean onlyOutcome = !created && sameExceptOutcome(event, change);
        apply(event, change);
        if (created) {
            events.persist(event);
        } else {
            event.sequence++;
        }
        events.flush();
        Happened happened = created ? Happened.SCHEDULED
                : event.status == EventStatus.CANCELLED && before != EventStatus.CANCELLED ? Happened.CANCELLED
                : onlyOutcome ? Happened.COPRODUCTION_RECORDED : Happened.UPDATED;
        announce(event, happened, requestId);
        return new Saved(event, created);
    }

    /** Cancels the whole event (it stays, with STATUS:CANCELLED in the feeds, so subscribers see it). */
    @Transactional
    public SharedEvent cancel(UUID id, Long expectedVersion, Editor by, String requestId) {
        requireHostedBy(by, id, null);
        SharedEvent event = get(id);
        check(event, expectedVersion);
        if (event.status != EventStatus.CANCELLED) {
            event.status = EventStatus.CANCELLED;
            event.sequence++;
            event.updatedAt = SharedEvent.now();
            events.flush();
            announce(event, Happened.CANCELLED, requestId);
        }
        return event;
    }

    /** Cancels one occurrence of a recurring event. */
    @Transactional
    public SharedEvent cancelOccurrence(UUID id, LocalDateTime occurrence, String reason, Long expectedVersion, Editor by,
            String requestId) {
        requireHostedBy(by, id, null);
        SharedEvent event = get(id);
        check(event, expectedVersion);
        if (!Recurrence.occursAt(event, occurrence)) {
            throw new InvalidEventException("occurrence", "the event has no occurrence starting at " + occurrence
                    + " (local time in " + event.timeZone + ")");
        }
        if (event.cancellations.stream().noneMatch(c -> c.occurrence.equals(occurrence))) {
            List<OccurrenceCancellation> cancellations = new ArrayList<>(event.cancellations);
            cancellations.add(OccurrenceCancellation.of(occurrence, reason));
            event.cancellations = cancellations;
            event.sequence++;
            event.updatedAt = SharedEvent.now();
            events.flush();
            announce(event, Happened.UPDATED, requestId);
        }
        return event;
    }

    @Transactional
    public void remove(UUID id, Long expectedVersion, Editor by, String requestId) {
        requireHostedBy(by, id, null);
        SharedEvent event = get(id);
        check(event, expectedVersion);
        announcements.announceRemoval(event, requestId);
        events.delete(event);
    }

    void announce(SharedEvent event, Happened happened, String requestId) {
        announcements.announce(event, happened, requestId);
    }

    private static void check(SharedEvent event, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion >= 0 && expectedVersion != event.version) {
            throw new VersionMismatchException(event.id, event.version);
        }
    }

    /** Only the afterwards-part changed (co-production record, attendance, assessment)? */
    private static boolean sameExceptOutcome(SharedEvent e, EventChange c) {
        return Objects.equals(e.title, c.title()) && Objects.equals(e.start, c.start()) && Objects.equals(e.end, c.end())
                && Objects.equals(e.rrule, c.rrule()) && e.status == c.status() && e.category == c.category()
                && Objects.equals(e.timeZone, c.timeZone())
                && (!Objects.equals(e.coProduction, c.coProduction()) || !Objects.equals(e.attendance, c.attendance())
                        || !Objects.equals(e.assessmentNote, c.assessmentNote()));
    }

    private void apply(SharedEvent event, EventChange change) {
        List<FieldProblem> problems = new ArrayList<>();
        if (change.partners().stream().noneMatch(p -> p.role == PartnerRole.HOST)) {
            problems.add(new FieldProblem("partners", "at least one partner must be the host"));
        }
        Set<UUID> named = change.partners().stream().map(p -> p.partnerId).collect(Collectors.toSet());
        if (change.venuePartnerId() != null) {
            named.add(change.venuePartnerId());
        }
        if (change.coProduction() != null) {
            for (var phase : Arrays.asList(change.coProduction().coCommissioning(), change.coProduction().coDesign(),
                    change.coProduction().coDelivery(), change.coProduction().coAssessment())) {
                if (phase != null && phase.partners() != null) {
                    named.addAll(phase.partners());
                }
            }
        }
        Set<UUID> known = named.isEmpty() ? Set.of() : partners.list("id in ?1 and removed = false", named).stream()
                .map(p -> p.id).collect(Collectors.toSet());
        for (int i = 0; i < change.partners().size(); i++) {
            if (!known.contains(change.partners().get(i).partnerId)) {
                problems.add(new FieldProblem("partners[" + i + "].partnerId", "there is no partner with id "
                        + change.partners().get(i).partnerId + " in the directory"));
            }
        }
        if (change.venuePartnerId() != null && !known.contains(change.venuePartnerId())) {
            problems.add(new FieldProblem("venue.partnerId", "there is no partner with id " + change.venuePartnerId()
                    + " in the directory"));
        }
        named.stream().filter(id -> !known.contains(id)
                        && change.partners().stream().noneMatch(p -> p.partnerId.equals(id))
                        && !id.equals(change.venuePartnerId()))
                .findFirst()
                .ifPresent(id -> problems.add(new FieldProblem("coProduction", "there is no partner with id " + id
                        + " in the directory")));
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        event.title = change.title();
        event.description = change.description();
        event.category = change.category();
        event.status = change.status();
        event.timeZone = ZoneId.of(change.timeZone()).getId();
        event.start = change.start();
        event.end = change.end();
        event.rrule = change.rrule();
        event.exdates = new ArrayList<>(change.exdates());
        event.venuePartnerId = change.venuePartnerId();
        event.venueRoom = change.venueRoom();
        event.venueStreet = change.venueStreet();
        event.venuePostcode = change.venuePostcode();
        event.venueCity = change.venueCity();
        event.venueLat = change.venueLat();
        event.venueLon = change.venueLon();
        event.onlineUrl = change.onlineUrl();
        event.neighbourhood = change.neighbourhood();
        event.partners = new ArrayList<>(change.partners().stream()
                .map(p -> EventPartner.of(p.partnerId, p.role, p.contribution)).toList());
        event.targetGroups = new ArrayList<>(change.targetGroups());
        event.ageMin = change.ageMin();
        event.ageMax = change.ageMax();
        event.capacity = change.capacity();
        event.registrationRequired = change.registrationRequired();
        event.registrationUrl = change.registrationUrl();
        event.costKind = change.costKind();
        event.costAmount = change.costAmount();
        event.childcare = change.childcare();
        event.accessibility = new ArrayList<>(change.accessibility());
        event.languages = new ArrayList<>(change.languages());
        event.coProduction = change.coProduction();
        event.attendance = change.attendance();
        event.assessmentNote = change.assessmentNote();
        event.firstStart = Recurrence.firstStart(event);
        event.lastEnd = Recurrence.lastEnd(event);
        event.updatedAt = SharedEvent.now();
    }

    /** The names of the partners, for views and feeds. */
    @Transactional
    public Map<UUID, String> partnerNames(Collection<UUID> ids) {
        return ids.isEmpty() ? Map.of() : partners.list("id in ?1", ids).stream()
                .collect(Collectors.toMap(p -> p.id, p -> p.name));
    }
}
