package org.kiezwerk.event.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.kiezwerk.event.repository.EndedEventsRepository;

/**
 * The ended-events part of the stale-entry report: an area's events (with its sub-areas) that ended
 * in the last days but whose record still lacks what only someone who was there can say.
 */
@ApplicationScoped
public class EndedEvents {

    /** What an ended event still needs. */
    public static final String NEEDS_STATUS = "status";
    public static final String NEEDS_ATTENDANCE = "attendance";

    @Inject
    EndedEventsRepository repository;

    @Inject
    AreaReplicas areas;

    @Inject
    EventService events;

    public record Host(UUID partnerId, String partnerName, String role) {
    }

    public record Entry(UUID id, String title, String neighbourhood, String status, OffsetDateTime lastEnd, List<String> needs,
            List<Host> hosts) {
    }

    /**
     * At most {@code limit + 1} entries after the cursor position, so that the caller knows whether
     * there is a next page. An unknown area code is an AreaNotFoundException.
     */
    @Transactional
    public List<Entry> ended(List<String> neighbourhoods, int days, Instant now, Instant afterEnd, UUID afterId, int limit) {
        List<String> expanded = areas.expand(neighbourhoods);
        List<EndedEventsRepository.Ended> found = repository.ended(expanded, now.minus(Duration.ofDays(days)), now, afterEnd,
                afterId, limit + 1);
        List<UUID> ids = found.stream().map(EndedEventsRepository.Ended::id).toList();
        Map<UUID, List<EndedEventsRepository.Host>> hosts = new LinkedHashMap<>();
        Set<UUID> partners = new HashSet<>();
        for (EndedEventsRepository.Host host : repository.hosts(ids)) {
            hosts.computeIfAbsent(host.eventId(), id -> new ArrayList<>()).add(host);
            partners.add(host.partnerId());
        }
        Map<UUID, String> names = events.partnerNames(partners);
        List<Entry> entries = new ArrayList<>();
        for (EndedEventsRepository.Ended e : found) {
            List<String> needs = new ArrayList<>();
            if (e.status().equals("PLANNED") || e.status().equals("POSTPONED")) {
                needs.add(NEEDS_STATUS);
            }
            if (e.attendance() == null) {
                needs.add(NEEDS_ATTENDANCE);
            }
            entries.add(new Entry(e.id(), e.title(), e.neighbourhood(), e.status().toLowerCase(Locale.ROOT), e.lastEnd(),
                    List.copyOf(needs), hosts.getOrDefault(e.id(), List.of()).stream()
                            .map(h -> new Host(h.partnerId(), names.get(h.partnerId()), h.role().toLowerCase(Locale.ROOT)))
                            .toList()));
        }
        return entries;
    }
}
