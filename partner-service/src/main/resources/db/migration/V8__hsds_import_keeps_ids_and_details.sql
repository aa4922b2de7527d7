-- HSDS 3.0 imports keep what another directory published: the ids of its records (so that an export
-- gives them back) and the details Kiezwerk's own model has no field for (docs/directory-api.md).

-- A partner's phones as HSDS has them (the first one's number is the partner's `phone`), and the ids
-- of HSDS records Kiezwerk derives from its own fields (languages, accessibility), by what they describe.
alter table partner
    add column hsds_phones jsonb not null default '[]',
    add column hsds_ids    jsonb not null default '{}';

-- Each row is one address of one HSDS location; rows with the same location_id form one location.
alter table partner_address
    add column location_id    uuid,
    add column location_name  varchar(200),
    add column location_type  varchar(20),
    add column address_id     uuid,
    add column address_2      varchar(200),
    add column region         varchar(200),
    add column state_province varchar(200),
    add column country        varchar(100),
    add column address_type   varchar(20);

-- An offer imported from an HSDS service: the service's id (the offer keeps it as its own id unless
-- another offer has it), the HSDS status, the ids of its schedules, languages, attributes and costs.
alter table offer
    add column hsds_id  uuid,
    add column status   varchar(30),
    add column hsds_ids jsonb not null default '{}';
create index offer_hsds_id_idx on offer (partner_id, hsds_id) where hsds_id is not null;

-- Where an offer takes place: HSDS service_at_location, each at one of its partner's locations.
-- An offer without rows here is published at its partner's first location.
create table offer_location (
    offer_id    uuid    not null references offer (id) on delete cascade,
    position    integer not null,
    sal_id      uuid    not null,
    location_id uuid    not null,
    description text,
    primary key (offer_id, position)
);
create unique index offer_location_sal_idx on offer_location (sal_id);

-- Imports name neighbourhoods, kinds and categories by rules (areaBy, areaMap, kindMap, termMap, category).
alter table partner_import
    add column mapping       jsonb,
    add column warnings      jsonb   not null default '[]',
    add column warning_count integer not null default 0;

-- Services whose terms name no Kiezwerk category are filed here by imports (and may be sorted later).
insert into taxonomy_term (id, taxonomy, code, name_de, name_en, version, created_at, updated_at)
select gen_random_uuid(), 'offer_categories', 'other', 'Sonstiges', 'Other', 0, now(), now()
where not exists (select 1 from taxonomy_term where taxonomy = 'offer_categories' and code = 'other');
