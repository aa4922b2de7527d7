import { describe, expect, it } from 'vitest';
import {
  calendarFeedPath,
  calendarFeedUrls,
  dayBoundary,
  eventFilterFromParams,
  eventFilterToHash,
  eventSearchPath,
  isoWithOffset,
  partnerFilterFromParams,
  partnerFilterToHash,
  partnerSearchPath,
  toParams,
} from '../src/lib/query';

describe('toParams', () => {
  it('leaves out empty values and joins lists with commas', () => {
    const p = toParams({ q: '  ', kind: ['parish', ' school ', ''], age: 45, free: false, childcare: true, cursor: null, x: undefined, empty: [] });
    expect(p.toString()).toBe('kind=parish%2Cschool&age=45&childcare=true');
  });
});

describe('partner search URL', () => {
  it('is the plain list without filters', () => {
    expect(partnerSearchPath({})).toBe('/api/v1/partners');
  });

  it('names every filter as the API expects', () => {
    const path = partnerSearchPath(
      { q: 'Familie', neighbourhood: ['lindenhof'], kind: ['parish', 'school'], targetGroup: ['adults'], category: ['health'], age: '45' },
      { limit: 20, facets: true, count: true },
    );
    const url = new URL(path, 'http://x');
    expect(url.pathname).toBe('/api/v1/partners');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'Familie',
      neighbourhood: 'lindenhof',
      kind: 'parish,school',
      targetGroup: 'adults',
      category: 'health',
      age: '45',
      limit: '20',
      count: 'true',
      facets: 'true',
    });
  });

  it('sends near=lat,lon with radius only when both coordinates are given', () => {
    const url = new URL(partnerSearchPath({ lat: '50.09876', lon: '8.20327', radius: '300' }), 'http://x');
    expect(url.searchParams.get('near')).toBe('50.09876,8.20327');
    expect(url.searchParams.get('radius')).toBe('300');
    const half = new URL(partnerSearchPath({ lat: '50.1', radius: '300' }), 'http://x');
    expect(half.searchParams.has('near')).toBe(false);
    expect(half.searchParams.has('radius')).toBe(false); // the API refuses radius without near
  });

  it('passes the opaque cursor through unchanged', () => {
    const cursor = 'TkFNRQpiZWdlZ251bmdz+/=';
    const url = new URL(partnerSearchPath({ q: 'x' }, { cursor }), 'http://x');
    expect(url.searchParams.get('cursor')).toBe(cursor);
  });

  it('round-trips through the page address', () => {
    const f = { q: 'Kita Sonne', neighbourhood: ['lindenhof'], kind: ['day_care_centre'], targetGroup: [], category: [], age: '3', lat: '50.1', lon: '8.2', radius: '500' };
    const hash = partnerFilterToHash(f);
    expect(hash.startsWith('#/?')).toBe(true);
    const back = partnerFilterFromParams(new URLSearchParams(hash.slice(3)));
    expect(back).toEqual(f);
  });
});

describe('event search and iCalendar feed URLs', () => {
  it('turns the day window into ISO-8601 times with offset, the end day inclusive', () => {
    const from = dayBoundary('2027-01-06', false)!;
    const to = dayBoundary('2027-01-06', true)!;
    expect(from).toMatch(/^2027-01-06T00:00:00[+-]\d{2}:\d{2}$/);
    expect(to).toMatch(/^2027-01-07T00:00:00[+-]\d{2}:\d{2}$/);
    expect(dayBoundary('06.01.2027', false)).toBeUndefined();
  });

  it('formats offsets like the API (+01:00), also for negative and half-hour zones', () => {
    const d = new Date(2027, 2, 18, 19, 5, 9);
    const iso = isoWithOffset(d);
    expect(iso).toMatch(/^2027-03-18T19:05:09[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso)).toBe(d.getTime());
  });

  it('builds the occurrence search with filters, time of day and paging', () => {
    const url = new URL(
      eventSearchPath(
        { fromDate: '2027-01-01', toDate: '2027-01-31', neighbourhood: ['lindenhof'], partner: ['p1'], free: true, childcare: true, stepFree: false, timeOfDay: ['evening'], q: 'Socialbar' },
        { limit: 50, cursor: 'abc' },
      ),
      'http://x',
    );
    expect(url.pathname).toBe('/api/v1/events');
    expect(url.searchParams.get('from')).toMatch(/^2027-01-01T00:00:00/);
    expect(url.searchParams.get('to')).toMatch(/^2027-02-01T00:00:00/);
    expect(url.searchParams.get('neighbourhood')).toBe('lindenhof');
    expect(url.searchParams.get('partner')).toBe('p1');
    expect(url.searchParams.get('free')).toBe('true');
    expect(url.searchParams.get('childcare')).toBe('true');
    expect(url.searchParams.has('stepFree')).toBe(false);
    expect(url.searchParams.get('timeOfDay')).toBe('evening');
    expect(url.searchParams.get('q')).toBe('Socialbar');
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('cursor')).toBe('abc');
  });

  it('keeps an offset + from being read as a space', () => {
    const path = eventSearchPath({ fromDate: '2027-01-01' });
    expect(path).not.toMatch(/from=[^&]*\+/);
    expect(new URL(path, 'http://x').searchParams.get('from')).toMatch(/[+-]\d{2}:\d{2}$/);
  });

  it('gives the feed the same filters but no window, time of day or paging', () => {
    const f = { fromDate: '2027-01-01', toDate: '2027-01-31', neighbourhood: ['lindenhof'], targetGroup: ['adults'], free: true, timeOfDay: ['evening'] };
    expect(calendarFeedPath(f)).toBe('/api/v1/events/calendar.ics?neighbourhood=lindenhof&targetGroup=adults&free=true');
    expect(calendarFeedPath({})).toBe('/api/v1/events/calendar.ics');
  });

  it('offers the feed as https and as webcal', () => {
    const https = calendarFeedUrls({ partner: ['9f32d001-59a8-4643-b98c-83c6b6228d6b'] }, 'https://kiez.example.org/');
    expect(https.http).toBe('https://kiez.example.org/api/v1/events/calendar.ics?partner=9f32d001-59a8-4643-b98c-83c6b6228d6b');
    expect(https.webcal).toBe('webcal://kiez.example.org/api/v1/events/calendar.ics?partner=9f32d001-59a8-4643-b98c-83c6b6228d6b');
    const local = calendarFeedUrls({ neighbourhood: ['lindenhof'] }, 'http://127.0.0.1:8080');
    expect(local.webcal).toBe('webcal://127.0.0.1:8080/api/v1/events/calendar.ics?neighbourhood=lindenhof');
  });

  it('round-trips the calendar filter through the page address', () => {
    const f = { fromDate: '2027-01-01', toDate: '2027-03-31', neighbourhood: ['lindenhof'], childcare: true };
    const back = eventFilterFromParams(new URLSearchParams(eventFilterToHash(f).split('?')[1]));
    expect(back.fromDate).toBe('2027-01-01');
    expect(back.toDate).toBe('2027-03-31');
    expect(back.neighbourhood).toEqual(['lindenhof']);
    expect(back.childcare).toBe(true);
    expect(back.free).toBe(false);
  });
});
