// Response shapes of the Kiezwerk API as the web front end uses them (see docs/*-api.md).

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number | null;
}

/** RFC 9457 problem details as every Kiezwerk service answers errors. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

export interface Point {
  lat: number;
  lon: number;
}

export interface Neighbourhood {
  id: string;
  code: string;
  name: string;
  level: 'city' | 'district' | 'quarter';
  parent: string | null;
  centre?: Point | null;
}

export interface NeighbourhoodRef {
  id: string;
  code: string;
  name: string;
  level: string;
}

export interface Address {
  street?: string | null;
  postcode?: string | null;
  city?: string | null;
  lat?: number | null;
  lon?: number | null;
}

export interface Partner {
  id: string;
  name: string;
  alternateNames?: string[];
  kind: string;
  description?: string | null;
  neighbourhoods: NeighbourhoodRef[];
  addresses?: Address[];
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  languages?: string[];
  accessibility?: string | null;
  openingHours?: string | null;
  status?: string;
  source?: string | null;
  lastVerified?: string | null;
  version?: number;
  distanceMetres?: number;
}

export type Facets = Record<string, Record<string, number>>;

export interface PartnerSearchPage extends ListPage<Partner> {
  facets?: Facets | null;
}

export interface TermRef {
  code: string;
  nameDe?: string;
  nameEn?: string;
  ageMin?: number | null;
  ageMax?: number | null;
}

export interface Term extends TermRef {
  id?: string;
  taxonomy?: string;
  description?: string | null;
}

export interface Schedule {
  freq: string;
  interval?: number | null;
  byDay?: string | null;
  opensAt?: string | null;
  closesAt?: string | null;
  description?: string | null;
}

export interface Offer {
  id: string;
  partnerId: string;
  partnerName?: string;
  name: string;
  description?: string | null;
  category?: TermRef | null;
  targetGroups: TermRef[];
  ageMin?: number | null;
  ageMax?: number | null;
  free: boolean;
  cost?: string | null;
  schedules?: Schedule[];
  languages?: string[];
  childcare: boolean;
  registrationRequired: boolean;
}

export interface Resource {
  id: string;
  partnerId: string;
  partnerName?: string;
  direction: 'offered' | 'needed';
  kind: string;
  name: string;
  description?: string | null;
  capacity?: number | null;
  equipment?: string[];
  availability?: string | null;
}

export interface EventRole {
  partnerId: string;
  partnerName?: string | null;
  role: string;
  contribution?: string | null;
}

export interface SharedEvent {
  id: string;
  title: string;
  description?: string | null;
  category: string;
  status: string;
  timeZone: string;
  start: string;
  end: string;
  timeOfDay?: string;
  venue?: {
    partnerId?: string | null;
    room?: string | null;
    street?: string | null;
    postcode?: string | null;
    city?: string | null;
    onlineUrl?: string | null;
  } | null;
  neighbourhood?: string | null;
  partners: EventRole[];
  targetGroups?: string[];
  ageMin?: number | null;
  ageMax?: number | null;
  cost?: { kind: string; amount?: number | null } | null;
  childcare: boolean;
  accessibility?: string[];
  languages?: string[];
  registration?: { required: boolean } | null;
}

export interface Occurrence {
  eventId: string;
  start: string;
  end: string;
  cancelled: boolean;
  event: SharedEvent;
}

/** Cytoscape.js JSON as network-service writes it (ego network, export?format=cytoscape). */
export interface CyGraph {
  elements: {
    nodes: { data: { id: string; label?: string; kind?: string } }[];
    edges: { data: { id: string; source: string; target: string; weight?: number } }[];
  };
}

export interface KeyActor {
  id: string;
  name: string;
  kind: string;
  degree: number;
  weightedDegree: number;
  pageRank: number;
  betweenness: number;
  articulationPoint: boolean;
  community: number;
  communitiesReached: number;
  broker: boolean;
}

export interface KeyActors {
  scope: string | null;
  organisations: number;
  ties: number;
  betweennessMethod?: string;
  actors: KeyActor[];
}

export interface Community {
  id: number;
  size: number;
  members: { id: string; name: string }[];
  tiesInside: number;
  tiesToOthers: number;
}

export interface Communities {
  scope: string | null;
  organisations: number;
  communities: Community[];
}

export interface GapArea {
  code: string;
  name: string;
  partners: Record<string, number>;
  gaps: string[];
}

export interface Gaps {
  neighbourhood: string;
  areas: GapArea[];
}
