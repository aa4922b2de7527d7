-- The city-wide directory: neighbourhoods, taxonomies, full partner records, offers and resources.
-- The extensions are "trusted" in PostgreSQL 13+, so managed PostgreSQL services allow them too.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Folds text for search: lower case, German umlauts and ß spelled out (so "Muetter" finds "Mütter"
-- and "Fussball" finds "Fußball"), other accents removed. Immutable (the dictionary is named), so
-- that generated columns and indexes may use it.
create function kiezwerk_fold(t text) returns text
    language sql immutable parallel safe strict
as $$
select public.unaccent('public.unaccent'::regdictionary,
       replace(replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'ss'))
$$;

-- Neighbourhoods: city → district → quarter. A filter on an area includes everything below it.
create table neighbourhood (
    id         uuid primary key,
    code       varchar(80)  not null unique,
    name       varchar(200) not null,
    level      varchar(20)  not null check (level in ('CITY', 'DISTRICT', 'QUARTER')),
    parent_id  uuid references neighbourhood (id),
    centre_lat double precision,
    centre_lon double precision,
    boundary   jsonb,                           -- a GeoJSON Polygon or MultiPolygon
    version    bigint       not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);
create index neighbourhood_parent_idx on neighbourhood (parent_id);

-- Taxonomy terms: target groups and offer categories, extendable through the API.
create table taxonomy_term (
    id          uuid primary key,
    taxonomy    varchar(40)  not null check (taxonomy in ('target_groups', 'offer_categories')),
    code        varchar(80)  not null,
    name_de     varchar(200) not null,
    name_en     varchar(200) not null,
    description text,
    age_min     integer,
    age_max     integer,
    version     bigint       not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    unique (taxonomy, code)
);

-- Partners: from one neighbourhood name to the full directory record.
alter table partner
    add column alternate_names text[]      not null default '{}',
    add column description     text,
    add column email           varchar(320),
    add column phone           varchar(50),
    add column website         varchar(500),
    add column languages       text[]      not null default '{}',
    add column accessibility   text,
    add column opening_hours   text,
    add column status          varchar(20) not null default 'ACTIVE',
    add column source          varchar(200),
    add column last_verified   date,
    -- what search reads: name, other names, description, offers; kept up to date by the service
    add column search_source   text        not null default '';
alter table partner
    add column search_text   text generated always as (kiezwerk_fold(search_source)) stored,
    add column search_vector tsvector generated always as (
        to_tsvector('german'::regconfig, kiezwerk_fold(search_source))
        || to_tsvector('english'::regconfig, kiezwerk_fold(search_source))) stored;

create table partner_neighbourhood (
    partner_id      uuid not null references partner (id) on delete cascade,
    neighbourhood_id uuid not null references neighbourhood (id),
    primary key (partner_id, neighbourhood_id)
);
create index partner_neighbourhood_area_idx on partner_neighbourhood (neighbourhood_id);

create table partner_address (
    partner_id uuid         not null references partner (id) on delete cascade,
    position   integer      not null,
    street     varchar(200),
    postcode   varchar(20),
    city       varchar(200),
    lat        double precision,
    lon        double precision,
    primary key (partner_id, position)
);
-- "near": a bounding box on these narrows the candidates before the exact distance
create index partner_address_lat_lon_idx on partner_address (lat, lon);
create index partner_address_postcode_idx on partner_address (postcode);

-- The old free-text neighbourhood becomes a quarter of its own, so that no partner loses it.
insert into neighbourhood (id, code, name, level, version, created_at, updated_at)
select gen_random_uuid(), trim(both '-' from lower(regexp_replace(kiezwerk_fold(n), '[^a-zA-Z0-9]+', '-', 'g'))),
       n, 'QUARTER', 0, now(), now()
from (select distinct neighbourhood as n from partner) existing;
insert into partner_neighbourhood (partner_id, neighbourhood_id)
select p.id, n.id from partner p join neighbourhood n on n.name = p.neighbourhood;
update partner set search_source = name;
drop index partner_neighbourhood_idx;
alter table partner drop column neighbourhood;

create index partner_search_text_trgm_idx on partner using gin (search_text gin_trgm_ops);
create index partner_search_vector_idx on partner using gin (search_vector);
create index partner_updated_at_idx on partner (updated_at, id);
create index partner_name_idx on partner (lower(name), id);
create index partner_status_idx on partner (status);

-- Offers (services in HSDS terms).
create table offer (
    id                    uuid primary key,
    partner_id            uuid         not null references partner (id) on delete cascade,
    name                  varchar(200) not null,
    description           text,
    category_id           uuid         not null references taxonomy_term (id),
    age_min               integer,
    age_max               integer,
    free                  boolean      not null,
    cost                  varchar(500),
    schedules             jsonb        not null default '[]',
    languages             text[]       not null default '{}',
    childcare             boolean      not null default false,
    registration_required boolean      not null default false,
    version               bigint       not null,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);
create index offer_partner_idx on offer (partner_id);
create index offer_category_idx on offer (category_id);
create index offer_age_idx on offer (age_min, age_max);

create table offer_target_group (
    offer_id uuid not null references offer (id) on delete cascade,
    term_id  uuid not null references taxonomy_term (id),
    primary key (offer_id, term_id)
);
create index offer_target_group_term_idx on offer_target_group (term_id);

-- What a partner can lend and what it needs.
create table partner_resource (
    id           uuid primary key,
    partner_id   uuid         not null references partner (id) on delete cascade,
    direction    varchar(10)  not null check (direction in ('OFFERED', 'NEEDED')),
    kind         varchar(20)  not null,
    name         varchar(200) not null,
    description  text,
    capacity     integer,
    equipment    text[]       not null default '{}',
    availability varchar(500),
    version      bigint       not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index partner_resource_partner_idx on partner_resource (partner_id);
create index partner_resource_kind_idx on partner_resource (direction, kind);

-- Defaults, in German and English; ages where a group is defined by age.
insert into taxonomy_term (id, taxonomy, code, name_de, name_en, age_min, age_max, version, created_at, updated_at)
select gen_random_uuid(), 'target_groups', code, de, en, amin, amax, 0, now(), now()
from (values
    ('toddlers', 'Kleinkinder (1–3)', 'Toddlers (1–3)', 1, 3),
    ('children', 'Kinder (4–11)', 'Children (4–11)', 4, 11),
    ('young_people', 'Jugendliche (12–17)', 'Young people (12–17)', 12, 17),
    ('young_adults', 'Junge Erwachsene (18–29)', 'Young adults (18–29)', 18, 29),
    ('adults', 'Erwachsene (30–60)', 'Adults (30–60)', 30, 60),
    ('young_old', 'Junge Alte (60–75)', 'Young old (60–75)', 60, 75),
    ('seniors', 'Seniorinnen und Senioren (65+)', 'Seniors (65+)', 65, null),
    ('parents', 'Eltern', 'Parents', null, null),
    ('families', 'Familien', 'Families', null, null),
    ('migrants', 'Migrantinnen und Migranten', 'Migrants', null, null),
    ('people_with_disabilities', 'Menschen mit Behinderung', 'People with disabilities', null, null),
    ('women', 'Frauen', 'Women', null, null),
    ('everyone', 'Alle', 'Everyone', null, null)
) as t (code, de, en, amin, amax);

insert into taxonomy_term (id, taxonomy, code, name_de, name_en, version, created_at, updated_at)
select gen_random_uuid(), 'offer_categories', code, de, en, 0, now(), now()
from (values
    ('family_education', 'Familienbildung', 'Family education'),
    ('childcare', 'Kinderbetreuung', 'Childcare'),
    ('youth_work', 'Jugendarbeit', 'Youth work'),
    ('senior_work', 'Seniorenarbeit', 'Work with seniors'),
    ('counselling', 'Beratung', 'Counselling'),
    ('language_course', 'Sprachkurs', 'Language course'),
    ('education', 'Bildung', 'Education'),
    ('sports', 'Sport und Bewegung', 'Sports and exercise'),
    ('culture', 'Kultur', 'Culture'),
    ('faith', 'Glaube und Gemeinde', 'Faith and congregation'),
    ('meeting_place', 'Begegnung und Treffpunkt', 'Meeting place'),
    ('health', 'Gesundheit', 'Health'),
    ('neighbourhood_help', 'Nachbarschaftshilfe', 'Neighbourhood help'),
    ('integration', 'Integration', 'Integration'),
    ('environment', 'Umwelt', 'Environment'),
    ('volunteering', 'Ehrenamt', 'Volunteering')
) as t (code, de, en);

-- A removal is followed by a tombstone (null value), so that the compacted topic forgets the partner.
alter table outbox_message alter column payload drop not null;
