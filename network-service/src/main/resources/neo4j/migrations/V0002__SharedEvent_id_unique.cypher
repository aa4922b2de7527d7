// The event projection MERGEs shared events on their id.
CREATE CONSTRAINT shared_event_id_unique IF NOT EXISTS FOR (e:SharedEvent) REQUIRE e.id IS UNIQUE;
