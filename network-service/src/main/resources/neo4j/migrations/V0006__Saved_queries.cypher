// Analysts' saved queries are found by their name.
CREATE CONSTRAINT saved_query_name_unique IF NOT EXISTS FOR (q:SavedQuery) REQUIRE q.name IS UNIQUE;
// Two of the brief's questions, ready to run (parameters: none, and $neighbourhood).
MERGE (q:SavedQuery {name: 'co-producers'})
  ON CREATE SET q.description = 'Pairs of organisations that put on events together, strongest first',
                q.query = 'MATCH (a:Organisation)-[c:CO_PRODUCES]->(b:Organisation) RETURN a.name AS organisation, b.name AS partner, c.events AS events, round(c.weight, 2) AS weight ORDER BY weight DESC',
                q.parameters = [], q.savedBy = 'kiezwerk', q.savedAt = datetime();
MERGE (q:SavedQuery {name: 'organisations-without-ties'})
  ON CREATE SET q.description = 'Organisations in a neighbourhood (and its sub-areas) with no cooperation or co-production tie yet',
                q.query = 'MATCH (n:Neighbourhood {code: $neighbourhood})<-[:PART_OF*0..]-(:Neighbourhood)<-[:LOCATED_IN]-(o:Organisation) WHERE o.version >= 0 AND NOT (o)-[:COOPERATES|CO_PRODUCES]-(:Organisation) RETURN DISTINCT o.id AS id, o.name AS organisation ORDER BY organisation',
                q.parameters = ['neighbourhood'], q.savedBy = 'kiezwerk', q.savedAt = datetime();
