-- What event-service knows of partners: their ids and names from kiezwerk.partners.v1, so that an
-- event never names a partner that does not exist. Kept by version, like every consumer.
create table partner_replica (
    id         uuid primary key,
    name       varchar(200) not null,
    version    bigint       not null,
    removed    boolean      not null default false,
    updated_at timestamptz  not null
);

-- Shared events. Times are local to the event's time zone (wall-clock time stays right across
-- daylight-saving changes); first_start/last_end are the instants that window queries index.
create table shared_event (
    id                    uuid primary key,
    title                 varchar(200) not null,
    description           text,
    category              varchar(30)  not null,
    status                varchar(20)  not null check (status in ('PLANNED', 'CONFIRMED', 'POSTPONED', 'CANCELLED')),
    time_zone             varchar(64)  not null,
    start_local           timestamp    not null,
    end_local             timestamp    not null,
    rrule                 varchar(500),
    exdates               timestamp[]  not null default '{}',
    first_start           timestamptz  not null,
    last_end              timestamptz,                 -- null: recurs without end
    venue_partner_id      uuid,
    venue_room            varchar(200),
    venue_street          varchar(200),
    venue_postcode        varchar(20),
    venue_city            varchar(200),
    venue_lat             double precision,
    venue_lon             double precision,
    online_url            varchar(500),
    neighbourhood         varchar(80),
    target_groups         text[]       not null default '{}',
    age_min               integer,
    age_max               integer,
    capacity              integer,
    registration_required boolean      not null default false,
    registration_url      varchar(500),
    cost_kind             varchar(20)  not null default 'FREE',
    cost_amount           numeric(10, 2),
    childcare             boolean      not null default false,
    accessibility         text[]       not null default '{}',
    languages             text[]       not null default '{}',
    coproduction          jsonb        not null default '{}',
    attendance            integer,
    assessment_note       text,
    sequence              integer      not null default 0,
    version               bigint       not null,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);
create index shared_event_window_idx on shared_event (first_start, last_end);
create index shared_event_neighbourhood_idx on shared_event (neighbourhood);
create index shared_event_category_idx on shared_event (category);
create index shared_event_target_groups_idx on shared_event using gin (target_groups);

-- Partners involved and their roles: host, co-host, venue provider, contributor.
create table event_partner (
    event_id     uuid         not null references shared_event (id) on delete cascade,
    partner_id   uuid         not null,
    role         varchar(20)  not null check (role in ('HOST', 'CO_HOST', 'VENUE_PROVIDER', 'CONTRIBUTOR')),
    contribution varchar(200),
    primary key (event_id, partner_id, role)
);
create index event_partner_partner_idx on event_partner (partner_id);

-- A single occurrence of a recurring event that does not take place.
create table occurrence_cancellation (
    event_id         uuid      not null references shared_event (id) on delete cascade,
    occurrence_local timestamp not null,
    reason           varchar(500),
    primary key (event_id, occurrence_local)
);
