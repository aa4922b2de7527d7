// German (default) and English texts. Taxonomy terms carry their own names (nameDe / nameEn).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TermRef } from './api/types';

export type Lang = 'de' | 'en';

const de = {
  // embed (a blog's card and map)
  embedOpen: 'Im Kiezwerk ansehen',
  embedFeed: 'Veranstaltungen als Feed (Atom)',
  embedPartners: 'Partner im Quartier',
  embedMorePartners: (n: number) => `und ${n} weitere`,
  embedAreaNetwork: 'Netzwerk im Quartier',
  embedTogether: 'gemeinsam mit',
  embedInvalid: 'Diese Einbettung ist fehlerhaft: Es fehlt eine gültige Partner-ID oder ein Stadtteil-Code.',
  embedNoPartner: 'Diesen Partner gibt es im Kiezwerk nicht (mehr).',
  embedNoArea: 'Diesen Stadtteil gibt es im Kiezwerk nicht.',
  embedUnavailable: 'Kiezwerk ist gerade nicht erreichbar.',
  appName: 'Kiezwerk',
  tagline: 'Das Netzwerk im Quartier',
  skip: 'Zum Inhalt springen',
  navSearch: 'Partner suchen',
  navCalendar: 'Veranstaltungen',
  navNetwork: 'Netzwerkkarte',
  navGaps: 'Lückenansicht',
  language: 'Sprache',
  loading: 'Wird geladen …',
  error: 'Fehler',
  errorNetwork: 'Der Server ist nicht erreichbar.',
  retry: 'Erneut versuchen',
  notFound: 'Diese Seite gibt es nicht.',
  any: '– alle –',
  none: '– keine –',
  // search
  searchTitle: 'Partner suchen',
  searchText: 'Suchbegriff',
  searchTextHint: 'Name, Beschreibung oder Angebot, z. B. „Familie“',
  neighbourhood: 'Stadtteil',
  kind: 'Art der Organisation',
  targetGroup: 'Zielgruppe',
  category: 'Angebotsbereich',
  age: 'Alter (Jahre)',
  nearPlace: 'In der Nähe eines Ortes',
  nearCentre: 'Mittelpunkt eines Stadtteils',
  latitude: 'Breitengrad',
  longitude: 'Längengrad',
  radius: 'Umkreis (Meter)',
  search: 'Suchen',
  reset: 'Zurücksetzen',
  results: 'Ergebnisse',
  resultCount: (n: number) => (n === 1 ? '1 Partner gefunden' : `${n} Partner gefunden`),
  noResults: 'Keine Partner gefunden. Versuchen Sie weniger Filter.',
  more: 'Weitere laden',
  distance: (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1).replace('.', ',')} km entfernt` : `${m} m entfernt`),
  facets: 'Treffer nach',
  facetAdd: (label: string, n: number) => `Filter ${label} hinzufügen (${n})`,
  // partner
  partnerTitle: 'Partner',
  contact: 'Kontakt',
  address: 'Adresse',
  email: 'E-Mail',
  phone: 'Telefon',
  website: 'Webseite',
  languages: 'Sprachen',
  accessibility: 'Barrierefreiheit',
  openingHours: 'Öffnungszeiten',
  alsoKnownAs: 'Auch bekannt als',
  lastVerified: 'Zuletzt geprüft',
  inactive: 'ruht derzeit',
  offers: 'Angebote',
  noOffers: 'Keine Angebote eingetragen.',
  free: 'kostenlos',
  childcare: 'mit Kinderbetreuung',
  registration: 'Anmeldung nötig',
  ageRange: (min?: number | null, max?: number | null) =>
    min != null && max != null ? `${min}–${max} Jahre` : min != null ? `ab ${min} Jahren` : max != null ? `bis ${max} Jahre` : '',
  resourcesOffered: 'Kann verleihen oder anbieten',
  resourcesNeeded: 'Sucht',
  noResources: 'Nichts eingetragen.',
  capacity: (n: number) => `bis ${n} Personen`,
  upcomingEvents: 'Kommende Veranstaltungen',
  noEvents: 'Keine Veranstaltungen in den nächsten zwölf Monaten.',
  network: 'Netzwerk',
  networkHint: 'Organisationen, mit denen dieser Partner verbunden ist. Klicken oder Enter öffnet einen Partner.',
  depth: 'Tiefe',
  noNetwork: 'Noch keine Verbindungen bekannt.',
  chooseAreaToDraw: (n: number) =>
    `Die ganze Stadt (${n.toLocaleString('de-DE')} Organisationen) ist zu groß, um sie zu zeichnen: Wählen Sie oben ein Gebiet. Die Schlüsselakteure der Stadt stehen unten.`,
  graphLabel: (n: number, e: number) => `Netzwerkgrafik mit ${n} Organisationen und ${e} Verbindungen`,
  graphList: 'Organisationen im Netzwerk',
  subscribePartner: 'Veranstaltungen dieses Partners abonnieren',
  backToSearch: 'Zurück zur Suche',
  // calendar
  calendarTitle: 'Veranstaltungskalender',
  from: 'Von',
  to: 'Bis',
  timeOfDay: 'Tageszeit',
  freeOnly: 'nur kostenlose',
  childcareOnly: 'nur mit Kinderbetreuung',
  stepFreeOnly: 'nur stufenlos erreichbar',
  stepFree: 'stufenlos',
  subscribe: 'Kalender abonnieren (webcal)',
  feedLink: 'iCalendar-Adresse (.ics)',
  subscribeHint: 'Abonniert dieselbe Suche in Ihrer Kalender-App – ohne Zeitraum, er rollt mit.',
  cancelled: 'fällt aus',
  hosts: 'Mit',
  venue: 'Ort',
  occurrences: 'Termine',
  noOccurrences: 'Keine Termine in diesem Zeitraum.',
  // network
  networkTitle: 'Netzwerkkarte',
  networkIntro: 'Organisationen und ihre Verbindungen. Farbe = Gemeinschaft (Cluster), Größe = Bedeutung.',
  sizeBy: 'Größe nach',
  pageRank: 'PageRank',
  timesAverage: (x: number) => `${x.toFixed(1).replace('.', ',')} × Durchschnitt`,
  degree: 'Anzahl Verbindungen',
  communities: 'Gemeinschaften',
  community: (i: number, n: number) => `Gemeinschaft ${i} (${n})`,
  keyActors: 'Schlüsselakteure',
  broker: 'verbindet Gruppen',
  articulation: 'hält das Netz zusammen',
  wholeCity: 'ganze Stadt',
  organisations: 'Organisationen',
  ties: 'Verbindungen',
  // gaps
  gapsTitle: 'Lückenansicht',
  gapsIntro: 'Wie viele aktive Partner haben ein Angebot für jede Zielgruppe? Felder mit „–“ sind Lücken: dort bietet niemand etwas an.',
  area: 'Quartier',
  legend: 'Legende',
  gapLegendNone: 'Lücke: niemand',
  gapLegendOne: '1 Partner',
  gapLegendSome: '2–3 Partner',
  gapLegendMany: '4 und mehr',
  gapsCount: (n: number) => (n === 1 ? '1 Lücke' : `${n} Lücken`),
  gapCellLabel: (area: string, group: string, n: number | null) =>
    n === 0 || n === null ? `${area}, ${group}: keine Partner (Lücke)` : `${area}, ${group}: ${n} Partner`,
  findForGroup: 'Partner für diese Zielgruppe suchen',
};

type Dict = typeof de;

const en: Dict = {
  // embed (a blog's card and map)
  embedOpen: 'See it on Kiezwerk',
  embedFeed: 'Events as a feed (Atom)',
  embedPartners: 'Partners in the area',
  embedMorePartners: (n: number) => `and ${n} more`,
  embedAreaNetwork: 'Network in the area',
  embedTogether: 'together with',
  embedInvalid: 'This embed is broken: it needs a valid partner id or neighbourhood code.',
  embedNoPartner: 'Kiezwerk has no (longer a) partner of that id.',
  embedNoArea: 'Kiezwerk has no neighbourhood of that code.',
  embedUnavailable: 'Kiezwerk cannot be reached just now.',
  appName: 'Kiezwerk',
  tagline: 'The network of a neighbourhood',
  skip: 'Skip to content',
  navSearch: 'Find partners',
  navCalendar: 'Events',
  navNetwork: 'Network map',
  navGaps: 'Gap view',
  language: 'Language',
  loading: 'Loading …',
  error: 'Error',
  errorNetwork: 'The server cannot be reached.',
  retry: 'Try again',
  notFound: 'There is no such page.',
  any: '– any –',
  none: '– none –',
  searchTitle: 'Find partners',
  searchText: 'Search text',
  searchTextHint: 'Name, description or offer, e.g. “family”',
  neighbourhood: 'Neighbourhood',
  kind: 'Kind of organisation',
  targetGroup: 'Target group',
  category: 'Offer category',
  age: 'Age (years)',
  nearPlace: 'Near a place',
  nearCentre: 'Centre of a neighbourhood',
  latitude: 'Latitude',
  longitude: 'Longitude',
  radius: 'Radius (metres)',
  search: 'Search',
  reset: 'Reset',
  results: 'Results',
  resultCount: (n: number) => (n === 1 ? '1 partner found' : `${n} partners found`),
  noResults: 'No partners found. Try fewer filters.',
  more: 'Load more',
  distance: (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(1)} km away` : `${m} m away`),
  facets: 'Matches by',
  facetAdd: (label: string, n: number) => `Add filter ${label} (${n})`,
  partnerTitle: 'Partner',
  contact: 'Contact',
  address: 'Address',
  email: 'Email',
  phone: 'Phone',
  website: 'Website',
  languages: 'Languages',
  accessibility: 'Accessibility',
  openingHours: 'Opening hours',
  alsoKnownAs: 'Also known as',
  lastVerified: 'Last verified',
  inactive: 'currently inactive',
  offers: 'Offers',
  noOffers: 'No offers listed.',
  free: 'free',
  childcare: 'childcare provided',
  registration: 'registration required',
  ageRange: (min?: number | null, max?: number | null) =>
    min != null && max != null ? `ages ${min}–${max}` : min != null ? `ages ${min}+` : max != null ? `up to ${max}` : '',
  resourcesOffered: 'Can lend or offer',
  resourcesNeeded: 'Needs',
  noResources: 'Nothing listed.',
  capacity: (n: number) => `up to ${n} people`,
  upcomingEvents: 'Upcoming events',
  noEvents: 'No events in the next twelve months.',
  network: 'Network',
  networkHint: 'Organisations this partner is connected with. Click or press Enter to open a partner.',
  depth: 'Depth',
  noNetwork: 'No connections known yet.',
  chooseAreaToDraw: (n: number) =>
    `The whole city (${n.toLocaleString('en-GB')} organisations) is too large to draw: choose an area above. The city's key actors are listed below.`,
  graphLabel: (n: number, e: number) => `Network graph with ${n} organisations and ${e} ties`,
  graphList: 'Organisations in the network',
  subscribePartner: "Subscribe to this partner's events",
  backToSearch: 'Back to search',
  calendarTitle: 'Event calendar',
  from: 'From',
  to: 'To',
  timeOfDay: 'Time of day',
  freeOnly: 'free only',
  childcareOnly: 'with childcare only',
  stepFreeOnly: 'step-free only',
  stepFree: 'step-free',
  subscribe: 'Subscribe to calendar (webcal)',
  feedLink: 'iCalendar address (.ics)',
  subscribeHint: 'Subscribes to the same search in your calendar app – without the window, which rolls on.',
  cancelled: 'cancelled',
  hosts: 'With',
  venue: 'Venue',
  occurrences: 'Dates',
  noOccurrences: 'No dates in this window.',
  networkTitle: 'Network map',
  networkIntro: 'Organisations and their ties. Colour = community (cluster), size = importance.',
  sizeBy: 'Size by',
  pageRank: 'PageRank',
  timesAverage: (x: number) => `${x.toFixed(1)} × average`,
  degree: 'Number of ties',
  communities: 'Communities',
  community: (i: number, n: number) => `Community ${i} (${n})`,
  keyActors: 'Key actors',
  broker: 'bridges groups',
  articulation: 'holds the network together',
  wholeCity: 'whole city',
  organisations: 'organisations',
  ties: 'ties',
  gapsTitle: 'Gap view',
  gapsIntro: 'How many active partners have an offer for each target group? Cells with “–” are gaps: nobody offers anything there.',
  area: 'Quarter',
  legend: 'Legend',
  gapLegendNone: 'Gap: nobody',
  gapLegendOne: '1 partner',
  gapLegendSome: '2–3 partners',
  gapLegendMany: '4 or more',
  gapsCount: (n: number) => (n === 1 ? '1 gap' : `${n} gaps`),
  gapCellLabel: (area: string, group: string, n: number | null) =>
    n === 0 || n === null ? `${area}, ${group}: no partners (gap)` : `${area}, ${group}: ${n} partners`,
  findForGroup: 'Find partners for this target group',
};

export const texts: Record<Lang, Dict> = { de, en };

/** Labels for the API's fixed enums. */
const enums: Record<Lang, Record<string, Record<string, string>>> = {
  de: {
    kind: {
      association: 'Verein',
      initiative: 'Initiative',
      parish: 'Kirchengemeinde',
      day_care_centre: 'Kita',
      school: 'Schule',
      community_centre: 'Begegnungszentrum',
      municipal_office: 'Städtische Einrichtung',
      funder: 'Förderer / Träger',
      business: 'Unternehmen',
      other: 'Sonstige',
    },
    resource: {
      room: 'Raum',
      equipment: 'Ausstattung',
      expertise: 'Fachwissen',
      volunteers: 'Ehrenamtliche',
      audience: 'Publikum',
      funding: 'Förderung',
    },
    eventCategory: {
      talk: 'Vortrag',
      festival: 'Fest',
      course: 'Kurs',
      meeting: 'Treffen',
      networking: 'Vernetzung',
      excursion: 'Ausflug',
      other: 'Sonstiges',
    },
    timeOfDay: { morning: 'vormittags', afternoon: 'nachmittags', evening: 'abends' },
    role: { host: 'Gastgeber', co_host: 'Mitveranstalter', venue_provider: 'stellt den Ort', contributor: 'wirkt mit' },
    level: { city: 'Stadt', district: 'Bezirk', quarter: 'Quartier' },
  },
  en: {
    kind: {
      association: 'Association',
      initiative: 'Initiative',
      parish: 'Parish',
      day_care_centre: 'Day-care centre',
      school: 'School',
      community_centre: 'Community centre',
      municipal_office: 'Municipal office',
      funder: 'Funder / sponsoring body',
      business: 'Business',
      other: 'Other',
    },
    resource: {
      room: 'Room',
      equipment: 'Equipment',
      expertise: 'Expertise',
      volunteers: 'Volunteers',
      audience: 'Audience',
      funding: 'Funding',
    },
    eventCategory: {
      talk: 'Talk',
      festival: 'Festival',
      course: 'Course',
      meeting: 'Meeting',
      networking: 'Networking',
      excursion: 'Excursion',
      other: 'Other',
    },
    timeOfDay: { morning: 'morning', afternoon: 'afternoon', evening: 'evening' },
    role: { host: 'host', co_host: 'co-host', venue_provider: 'venue', contributor: 'contributor' },
    level: { city: 'city', district: 'district', quarter: 'quarter' },
  },
};

export const PARTNER_KINDS = Object.keys(enums.de.kind);
export const EVENT_CATEGORIES = Object.keys(enums.de.eventCategory);
export const TIMES_OF_DAY = Object.keys(enums.de.timeOfDay);

export interface I18n {
  lang: Lang;
  t: Dict;
  label: (group: 'kind' | 'resource' | 'eventCategory' | 'timeOfDay' | 'role' | 'level', code: string) => string;
  term: (term: TermRef | string, terms?: Map<string, TermRef>) => string;
  dateTime: (iso: string, timeZone?: string) => string;
  date: (iso: string) => string;
}

export function makeI18n(lang: Lang): I18n {
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  return {
    lang,
    t: texts[lang],
    label: (group, code) => enums[lang][group]?.[code] ?? code,
    term: (term, terms) => {
      const ref = typeof term === 'string' ? terms?.get(term) ?? { code: term } : term;
      return (lang === 'de' ? ref.nameDe : ref.nameEn) || ref.nameDe || ref.code;
    },
    dateTime: (iso, timeZone) => {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      try {
        return new Intl.DateTimeFormat(locale, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZone,
        }).format(d);
      } catch {
        return d.toLocaleString(locale);
      }
    },
    date: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
    },
  };
}

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem('kiezwerk.lang');
    if (saved === 'de' || saved === 'en') return saved;
  } catch {
    // storage may be blocked
  }
  return 'de';
}

export const I18nContext = createContext<I18n>(makeI18n('de'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
