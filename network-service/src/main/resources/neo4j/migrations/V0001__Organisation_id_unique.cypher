// Every projection MERGEs on the organisation's id: the constraint makes that safe and fast.
CREATE CONSTRAINT organisation_id_unique IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;
