package org.kiezwerk.network.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.kiezwerk.network.domain.AffiliationChange;
import org.kiezwerk.network.domain.Person;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * People in the graph, only with a recorded consent: {@code (:Person {id, displayName, scope,
 * consentRecordedAt, consentRecordedBy, consentNote})}, {@code (:Person)-[:AFFILIATED {role}]->(:Organisation)}
 * and {@code (:Person)-[:KNOWS {strength, conversations, since, lastMet, topics}]-(:Person)} from
 * connecting conversations. Withdrawing consent deletes the node with every tie: nothing is kept.
 */
@ApplicationScoped
public class PersonGraph {

    @Inject
    Driver driver;

    @Inject
    GraphDatabase database;

    @Inject
    PersonNames names;

    @ChangesTies
    public void create(UUID id, String displayName, String scope, String recordedBy, String recordedAt, String note) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id.toString());
        // only a public person's name is stored readable; the others' are sealed (see PersonNames)
        params.put("name", "public".equals(scope) ? displayName : names.seal(displayName));
        params.put("scope", scope);
        params.put("by", names.seal(recordedBy));
        params.put("at", recordedAt);
        params.put("note", note == null ? null : names.seal(note));
        write("""
                CREATE (p:Person {id: $id, displayName: $name, scope: $scope, consentRecordedBy: $by,
                                  consentRecordedAt: datetime($at), consentNote: $note, createdAt: datetime()})
                """, params);
    }

    /**
     * Returns false if the person or the organisation is not in the graph. The tie carries since,
     * until, a strength 1–5, who asserted it and whether the other side confirmed it.
     */
    @ChangesTies
    public boolean affiliate(UUID person, AffiliationChange affiliation) {
        Map<String, Object> params = new HashMap<>();
        params.put("person", person.toString());
        params.put("organisation", affiliation.organisationId().toString());
        params.put("role", affiliation.role());
        params.put("since", affiliation.since());
        params.put("until", affiliation.until());
        params.put("strength", affiliation.strength());
        params.put("assertedBy", affiliation.assertedBy().toString());
        return count("""
                MATCH (p:Person {id: $person})
                MATCH (o:Organisation {id: $organisation}) WHERE o.version >= 0
                MERGE (p)-[r:AFFILIATED {role: $role}]->(o)
                  ON CREATE SET r.confirmed = false, r.assertedBy = $assertedBy
                SET r.since = coalesce($since, r.since), r.until = $until, r.strength = $strength
                RETURN count(r) AS n
                """, params) > 0;
    }

    /** "confirmed", "missing", or the id of the side that asserted it (who may not confirm). */
    @ChangesTies
    public String confirmAffiliation(UUID person, UUID organisation, UUID by) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> {
                var found = tx.run("""
                        MATCH (:Person {id: $person})-[r:AFFILIATED]->(:Organisation {id: $organisation})
                        RETURN r.assertedBy AS assertedBy LIMIT 1
                        """, Map.of("person", person.toString(), "organisation", organisation.toString())).list();
                if (found.isEmpty()) {
                    return "missing";
                }
                String asserted = found.get(0).get("assertedBy").asString(organisation.toString());
                String otherSide = asserted.equals(person.toString()) ? organisation.toString() : person.toString();
                if (!otherSide.equals(by.toString())) {
                    return asserted;
                }
                tx.run("""
                        MATCH (:Person {id: $person})-[r:AFFILIATED]->(:Organisation {id: $organisation})
                        SET r.confirmed = true, r.confirmedBy = $by
                        """, Map.of("person", person.toString(), "organisation", organisation.toString(), "by", by.toString())).consume();
                return "confirmed";
            });
        }
    }

    @ChangesTies
    public boolean endAffiliation(UUID person, UUID organisation, LocalDate until) {
        Map<String, Object> params = new HashMap<>();
        params.put("person", person.toString());
        params.put("organisation", organisation.toString());
        params.put("until", until);
        return count("""
                MATCH (:Person {id: $person})-[r:AFFILIATED]->(:Organisation {id: $organisation})
                SET r.until = $until
                RETURN count(r) AS n
                """, params) > 0;
    }

    @ChangesTies
    public boolean endAcquaintance(UUID person, UUID other, LocalDate until) {
        Map<String, Object> params = new HashMap<>();
        params.put("a", person.toString());
        params.put("b", other.toString());
        params.put("until", until);
        return count("""
                MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b})
                SET k.until = $until
                RETURN count(k) AS n
                """, params) > 0;
    }

    /** A connecting conversation: creates the acquaintance, or strengthens it (up to 5). */
    @ChangesTies
    public boolean conversation(UUID a, UUID b, LocalDate date, String topic) {
        Map<String, Object> params = new HashMap<>();
        params.put("a", a.toString());
        params.put("b", b.toString());
        params.put("date", date);
        params.put("topic", topic == null ? "" : topic);
        return count("""
                MATCH (x:Person {id: $a}), (y:Person {id: $b})
                MERGE (x)-[k:KNOWS]-(y)
                  ON CREATE SET k.strength = 1, k.conversations = 1, k.since = $date, k.lastMet = $date,
                                k.topics = CASE WHEN $topic = '' THEN [] ELSE [$topic] END,
                                k.assertedBy = $a, k.confirmed = false
                  ON MATCH SET k.confirmed = k.confirmed OR coalesce(k.assertedBy, $a) <> $a,
                               k.strength = CASE WHEN k.strength < 5 THEN k.strength + 1 ELSE 5 END,
                               k.conversations = k.conversations + 1,
                               k.lastMet = CASE WHEN $date > k.lastMet THEN $date ELSE k.lastMet END,
                               k.topics = CASE WHEN $topic = '' THEN k.topics ELSE k.topics + $topic END
                RETURN count(k) AS n
                """, params) > 0;
    }

    public Optional<Person> find(UUID id) {
        try (var session = driver.session(database.sessions())) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (p:Person {id: $id})
                    OPTIONAL MATCH (p)-[r:AFFILIATED]->(o:Organisation)
                    WITH p, collect(CASE WHEN o IS NULL THEN null ELSE {organisationId: o.id, organisation: o.name, role: r.role,
                         since: toString(r.since), until: toString(r.until), strength: coalesce(r.strength, 3),
                         assertedBy: coalesce(r.assertedBy, o.id), confirmed: coalesce(r.confirmed, false)} END) AS affiliations
                    OPTIONAL MATCH (p)-[k:KNOWS]-(q:Person)
                    RETURN p.id AS id, p.displayName AS name, p.scope AS scope, toString(p.consentRecordedAt) AS at,
                           p.consentRecordedBy AS by, affiliations,
                           collect(CASE WHEN q IS NULL THEN null ELSE {personId: q.id, strength: k.strength, conversations: k.conversations,
                                   since: toString(k.since), until: toString(k.until), assertedBy: k.assertedBy,
                                   confirmed: coalesce(k.confirmed, false)} END) AS acquaintances
                    """, Map.of("id", id.toString())).list().stream().findFirst().map(this::person));
        }
    }

    /**
     * Persons recorded before names were sealed: seals what is still readable (a non-public name,
     * every consent note and recorder). Idempotent; runs at start-up.
     */
    @ChangesTies
    public int sealLegacy() {
        try (var session = driver.session(database.sessions())) {
            List<Record> open = session.executeRead(tx -> tx.run("""
                    MATCH (p:Person)
                    WHERE (p.scope <> 'public' AND NOT p.displayName STARTS WITH 'sealed:v1:')
                       OR (p.consentNote IS NOT NULL AND NOT p.consentNote STARTS WITH 'sealed:v1:')
                       OR (p.consentRecordedBy IS NOT NULL AND NOT p.consentRecordedBy STARTS WITH 'sealed:v1:')
                    RETURN p.id AS id, p.scope AS scope, p.displayName AS name, p.consentNote AS note, p.consentRecordedBy AS by
                    """).list());
            for (Record r : open) {
                Map<String, Object> params = new HashMap<>();
                params.put("id", r.get("id").asString());
                String name = r.get("name").asString();
                params.put("name", "public".equals(r.get("scope").asString()) || PersonNames.isSealed(name)
                        ? name : names.seal(name));
                params.put("note", sealIfOpen(r.get("note").asString(null)));
                params.put("by", sealIfOpen(r.get("by").asString(null)));
                session.executeWrite(tx -> tx.run("""
                        MATCH (p:Person {id: $id})
                        SET p.displayName = $name, p.consentNote = $note, p.consentRecordedBy = $by
                        """, params).consume());
            }
            return open.size();
        }
    }

    private String sealIfOpen(String value) {
        return value == null || PersonNames.isSealed(value) ? value : names.seal(value);
    }

    /** Erases the person and every tie: the consent was withdrawn. Returns whether there was one. */
    @ChangesTies
    public boolean erase(UUID id) {
        return count("MATCH (p:Person {id: $id}) DETACH DELETE p RETURN count(*) AS n", Map.of("id", id.toString())) > 0;
    }

    /** Whether anything in the graph still mentions the id (for the withdrawal check). */
    public boolean anyTrace(UUID id) {
        return count("""
                OPTIONAL MATCH (p:Person {id: $id})
                OPTIONAL MATCH ()-[r]-() WHERE r.personId = $id OR r.confirmedBy = $id OR r.assertedBy = $id
                RETURN count(p) + count(r) AS n
                """, Map.of("id", id.toString())) > 0;
    }

    private Person person(Record r) {
        return new Person(UUID.fromString(r.get("id").asString()), names.open(r.get("name").asString()), r.get("scope").asString(),
                r.get("at").asString(null), names.open(r.get("by").asString(null)),
                r.get("affiliations").asList(v -> v.asMap()), r.get("acquaintances").asList(v -> v.asMap()));
    }

    private void write(String cypher, Map<String, Object> params) {
        try (var session = driver.session(database.sessions())) {
            session.executeWrite(tx -> tx.run(cypher, params).consume());
        }
    }

    private long count(String cypher, Map<String, Object> params) {
        try (var session = driver.session(database.sessions())) {
            return session.executeWrite(tx -> tx.run(cypher, params).single().get("n").asLong());
        }
    }
}
