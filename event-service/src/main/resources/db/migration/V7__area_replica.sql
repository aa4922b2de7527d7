-- The directory's areas as event-service knows them from kiezwerk.partners.v1: every neighbourhood a
-- partner names and the areas above it (city > district > quarter, any depth). A neighbourhood filter
-- expands a code to the area and everything below it, so a city or district answers for its quarters.
-- An area named only as a parent by an older message is kept with its code as name and no level
-- until a message describes it; a moved area gets its new parent.
create table area_replica (
    code        varchar(80)  primary key,
    name        text         not null,
    level       varchar(20),
    parent_code varchar(80),
    updated_at  timestamptz  not null
);
-- the expansion walks from an area down to the areas whose parent it is
create index area_replica_parent_idx on area_replica (parent_code);
