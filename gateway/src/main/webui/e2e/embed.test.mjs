// Browser tests of the embeds (issue 17, part 3) in Debian's headless Chromium (playwright-core): a
// FOREIGN page — another origin, served by this test under its own strict Content-Security-Policy —
// includes Kiezwerk the way a blog does (one <script> and a <kiezwerk-embed> tag, or the iframe that
// oEmbed hands out), and the test reads what the embeds show and compares it with what the public API
// gives an anonymous caller. Against a running gateway: KIEZWERK_BASE_URL=http://127.0.0.1:8080 npm run e2e
// (or, with the mock API, npm run e2e:mock; oEmbed is the gateway's and is checked only against it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.KIEZWERK_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const MOCK = process.env.KIEZWERK_MOCK === '1';
const SHOTS = resolve(process.env.KIEZWERK_SCREENSHOT_DIR || 'target/screenshots');
const TIMEOUT = Number(process.env.KIEZWERK_E2E_TIMEOUT_MS || 20000);
// a demo partner (deploy/local/demo-neighbourhood.txt) with offers, events and ties, and its quarter
const DEMO_PARTNER_ID = '9f32d001-59a8-4643-b98c-83c6b6228d6b';
const DEMO_AREA = 'lindenhof';
const UNKNOWN_PARTNER = '0c6a1a8e-1111-4222-8333-444455556666';

let context;
let profile;
let foreign; // the blog: another origin
let foreignOrigin;
const pages = new Map(); // path -> html of the blog's pages
const problems = []; // CSP violations and page errors, in the blog and in the frames
const kiezwerkResponses = []; // every answer from Kiezwerk: { url, status, headers }

/** The public API as an anonymous caller sees it (no key, no token, no cookie). */
async function publicApi(path) {
  const response = await fetch(BASE + path, { headers: { Accept: 'application/json' } });
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response.json();
}

/** The date in Europe/Berlin, where the browser runs (node may run elsewhere). */
function berlinDate(d) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

function nextDay(day) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The upcoming events the card shows: the next five of the coming year, as the embed asks for them. */
async function upcomingTitles(filter) {
  const now = new Date();
  const inAYear = new Date(now);
  inAYear.setFullYear(inAYear.getFullYear() + 1);
  // the window the front end sends (src/lib/query.ts dayBoundary): from the start of today to the start
  // of the day after the last day, local (Europe/Berlin) midnights with their offset
  const from = dayStart(berlinDate(now));
  const to = dayStart(nextDay(berlinDate(inAYear)));
  const page = await fetch(`${BASE}/api/v1/events?${filter}&limit=5&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  assert.equal(page.status, 200);
  return (await page.json()).items.map((o) => o.event.title);
}

/** Local midnight of a day in Europe/Berlin, with its offset. */
function dayStart(day) {
  const noon = new Date(`${day}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(noon);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return `${day}T00:00:00${name === 'GMT' ? '+00:00' : name.replace('GMT', '')}`;
}

function blog(path, body) {
  pages.set(
    path,
    `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Ein Blog aus dem Quartier</title></head>` +
      `<body><h1>Ein Blog aus dem Quartier</h1>${body}</body></html>`,
  );
  return foreignOrigin + path;
}

function watch(p) {
  p.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
  });
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  p.on('response', async (response) => {
    if (response.url().startsWith(BASE + '/')) {
      kiezwerkResponses.push({ url: response.url(), status: response.status(), headers: await response.allHeaders().catch(() => ({})) });
    }
  });
}

/** The frame inside a <kiezwerk-embed> element (Playwright's CSS engine enters its open shadow root). */
function frameOf(p, selector) {
  return p.frameLocator(`${selector} iframe`);
}

/** Waits until the element's frame is as high as the embed page's content (the page posts its height). */
async function fitted(p, selector) {
  const frame = frameOf(p, selector);
  let content = -1;
  let shown = -2;
  const until = Date.now() + TIMEOUT;
  while (Date.now() < until) {
    content = await frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
    shown = await p.locator(`${selector} iframe`).evaluate((iframe) => parseInt(iframe.style.height, 10));
    if (shown === Math.min(4000, Math.max(120, content))) return shown;
    await p.waitForTimeout(100);
  }
  assert.fail(`${selector}: frame ${shown}px high, its content ${content}px`);
}

async function graphOf(frame) {
  const graph = frame.locator('[data-testid="embed-graph"]');
  await graph.waitFor({ state: 'attached', timeout: TIMEOUT });
  await frame.locator('[data-testid="embed-graph"][data-ready="true"]').waitFor({ state: 'attached', timeout: TIMEOUT });
  return {
    nodes: Number(await graph.getAttribute('data-node-count')),
    edges: Number(await graph.getAttribute('data-edge-count')),
    labels: await frame.locator('.graph-list a').allTextContents(),
  };
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const kiezwerk = new URL(BASE);
  // another origin: another host name for the same machine, and another port
  const host = kiezwerk.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  foreign = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://blog').pathname);
    if (!html) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      // the blog's own strict policy: only Kiezwerk's script and frames, no inline anything
      'Content-Security-Policy': `default-src 'none'; script-src ${kiezwerk.origin}; frame-src ${kiezwerk.origin}; style-src 'self'; img-src 'self'`,
    });
    res.end(html);
  });
  await new Promise((ok) => foreign.listen(0, '127.0.0.1', ok));
  foreignOrigin = `http://${host}:${foreign.address().port}`;
  assert.notEqual(foreignOrigin, kiezwerk.origin);

  profile = mkdtempSync(join(tmpdir(), 'kiezwerk-embed-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 900, height: 1200 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  context.setDefaultTimeout(TIMEOUT);
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await new Promise((ok) => (foreign ? foreign.close(ok) : ok()));
});

describe('Kiezwerk embedded in a foreign page', () => {
  it('shows a partner card with its offers, upcoming events and public ties through one script and one tag', async () => {
    const url = blog(
      '/partner.html',
      `<script src="${BASE}/kiezwerk-embed.js" async></script>\n<kiezwerk-embed id="partner" partner="${DEMO_PARTNER_ID}"></kiezwerk-embed>`,
    );
    const page = await context.newPage();
    watch(page);
    assert.equal((await page.goto(url))?.status(), 200);
    const frame = frameOf(page, '#partner');

    const partner = await publicApi(`/api/v1/partners/${DEMO_PARTNER_ID}`);
    await frame.locator('[data-testid="embed-title"]').waitFor();
    assert.equal(await frame.locator('[data-testid="embed-title"]').textContent(), partner.name);

    // its offers, as the directory lists them
    const offers = await publicApi(`/api/v1/partners/${DEMO_PARTNER_ID}/offers`);
    const offerNames = (Array.isArray(offers) ? offers : offers.items).map((o) => o.name);
    assert.ok(offerNames.length > 0, 'the demo partner has offers');
    await frame.locator('[data-testid="embed-offers"] li').first().waitFor();
    assert.deepEqual(await frame.locator('[data-testid="embed-offers"] li strong').allTextContents(), offerNames);

    // its upcoming events: the next five the public calendar has for it
    const titles = await upcomingTitles(`partner=${DEMO_PARTNER_ID}`);
    const events = frame.locator('[data-testid="embed-events"]');
    await events.locator(titles.length > 0 ? 'li' : 'p').first().waitFor();
    assert.deepEqual(await events.locator('li strong').allTextContents(), titles);

    // its network of public ties: what an anonymous caller gets, drawn and listed
    const ego = await publicApi(`/api/v1/network/actors/${DEMO_PARTNER_ID}/network?depth=1`);
    const drawn = await graphOf(frame);
    assert.ok(ego.elements.nodes.length > 1, 'the demo partner has ties');
    assert.equal(drawn.nodes, ego.elements.nodes.length);
    assert.deepEqual([...drawn.labels].sort(), ego.elements.nodes.map((n) => n.data.label ?? n.data.id).sort());

    // the feed and the way to Kiezwerk
    assert.equal(
      await frame.locator('[data-testid="embed-feed"]').evaluate((a) => a.href),
      `${BASE}/api/v1/events/feed.atom?partner=${DEMO_PARTNER_ID}`,
    );
    const [opened] = await Promise.all([context.waitForEvent('page'), frame.locator('[data-testid="embed-more"]').click()]);
    await opened.waitForLoadState('domcontentloaded');
    assert.equal(opened.url(), `${BASE}/#/partners/${DEMO_PARTNER_ID}`);
    await opened.close();

    // the element makes its frame as high as the card
    assert.ok((await fitted(page, '#partner')) > 300);
    await page.screenshot({ path: join(SHOTS, 'embed-01-partner.png'), fullPage: true });
    await page.close();
  });

  it('shows an area as a map of its public ties, in English', async () => {
    const url = blog(
      '/area.html',
      `<kiezwerk-embed id="area" neighbourhood="${DEMO_AREA}" view="map" lang="en"></kiezwerk-embed>\n<script src="${BASE}/kiezwerk-embed.js"></script>`,
    );
    const page = await context.newPage();
    watch(page);
    await page.goto(url);
    const frame = frameOf(page, '#area');
    const areas = await publicApi(`/api/v1/neighbourhoods?limit=200&within=${DEMO_AREA}`);
    const area = areas.items.find((n) => n.code === DEMO_AREA);
    await frame.locator('[data-testid="embed-title"]').waitFor();
    assert.equal(await frame.locator('[data-testid="embed-title"]').textContent(), area.name);
    assert.equal(await frame.locator('#embed-network-h').textContent(), 'Network in the area');
    const exported = await publicApi(`/api/v1/network/export?format=cytoscape&neighbourhood=${DEMO_AREA}`);
    const drawn = await graphOf(frame);
    assert.ok(exported.elements.nodes.length > 1);
    assert.equal(drawn.nodes, exported.elements.nodes.length);
    // the map only: no lists
    assert.equal(await frame.locator('[data-testid="embed-partners"], [data-testid="embed-events"]').count(), 0);
    await fitted(page, '#area');
    await page.screenshot({ path: join(SHOTS, 'embed-02-area-map.png'), fullPage: true });
    await page.close();
  });

  it("shows an area's card: its partners and upcoming events", async () => {
    const url = blog('/area-card.html', `<kiezwerk-embed id="card" neighbourhood="${DEMO_AREA}" view="card"></kiezwerk-embed><script src="${BASE}/kiezwerk-embed.js"></script>`);
    const page = await context.newPage();
    watch(page);
    await page.goto(url);
    const frame = frameOf(page, '#card');
    const partners = await publicApi(`/api/v1/partners?neighbourhood=${DEMO_AREA}&limit=50`);
    await frame.locator('[data-testid="embed-partners"] li').first().waitFor();
    assert.deepEqual(await frame.locator('[data-testid="embed-partners"] li a').allTextContents(), partners.items.map((p) => p.name));
    const titles = await upcomingTitles(`neighbourhood=${DEMO_AREA}`);
    const events = frame.locator('[data-testid="embed-events"]');
    await events.locator(titles.length > 0 ? 'li' : 'p').first().waitFor();
    assert.deepEqual(await events.locator('li strong').allTextContents(), titles);
    assert.equal(await frame.locator('[data-testid="embed-network"]').count(), 0);
    await page.close();
  });

  it('says so for a malformed or unknown partner', async () => {
    const url = blog(
      '/broken.html',
      `<script src="${BASE}/kiezwerk-embed.js"></script><kiezwerk-embed id="malformed" partner="42"></kiezwerk-embed>` +
        `<kiezwerk-embed id="unknown" partner="${UNKNOWN_PARTNER}"></kiezwerk-embed>`,
    );
    const page = await context.newPage();
    watch(page);
    await page.goto(url);
    await page.locator('#malformed[data-state="invalid"]').waitFor();
    assert.equal(await page.locator('#malformed iframe').count(), 0);
    assert.match(await page.locator('#malformed p').textContent(), /partner=/);
    await frameOf(page, '#unknown').locator('[data-testid="embed-problem"]').waitFor();
    assert.match(await frameOf(page, '#unknown').locator('[data-testid="embed-problem"]').textContent(), /Partner/);
    await page.close();
  });

  it('sets no cookies, may be framed by any site, and broke no policy on the way', async () => {
    assert.deepEqual(await context.cookies(), []);
    const embeds = kiezwerkResponses.filter((r) => new URL(r.url).pathname.startsWith('/embed/') && r.status === 200);
    assert.ok(embeds.length >= 3, `embed pages loaded: ${embeds.length}`);
    for (const r of embeds) {
      assert.match(r.headers['content-security-policy'] ?? '', /frame-ancestors \*/, r.url);
      assert.equal(r.headers['x-frame-options'], undefined, r.url);
    }
    for (const r of kiezwerkResponses) assert.equal(r.headers['set-cookie'], undefined, `${r.url} sets a cookie`);
    // the partner the frame reads comes with its ETag (its offers and the searches are lists, which have none)
    if (!MOCK) {
      const read = kiezwerkResponses.filter((r) => new URL(r.url).pathname === `/api/v1/partners/${DEMO_PARTNER_ID}` && r.status === 200);
      assert.ok(read.length > 0 && read.every((r) => r.headers.etag), 'the partner is read with an ETag');
    }
    assert.deepEqual(problems, []);
  });

  it('is found by a blog platform through oEmbed discovery, and the iframe it gets works in a foreign page', { skip: MOCK && 'oEmbed is the gateway\'s' }, async () => {
    const embedUrl = `${BASE}/embed/partners/${DEMO_PARTNER_ID}`;
    const html = await (await fetch(embedUrl)).text();
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html);
    assert.ok(link, 'the embed page announces its oEmbed endpoint');
    const discovered = link[1].replaceAll('&amp;', '&');
    const answer = await fetch(discovered);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('cache-control') ?? '', /max-age=\d+/);
    assert.ok(answer.headers.get('etag'));
    const oembed = await answer.json();
    assert.equal(oembed.type, 'rich');
    assert.equal(oembed.version, '1.0');
    const partner = await publicApi(`/api/v1/partners/${DEMO_PARTNER_ID}`);
    assert.equal(oembed.title, partner.name);
    assert.match(oembed.html, new RegExp(`^<iframe src="${embedUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));

    // the platform pastes the html into its page (its policy allows Kiezwerk's frames, and inline styles)
    pages.set(
      '/oembed.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>Blog</title></head><body><div id="post">${oembed.html}</div></body></html>`,
    );
    const page = await context.newPage();
    watch(page);
    await page.goto(foreignOrigin + '/oembed.html');
    const frame = page.frameLocator('#post iframe');
    await frame.locator('[data-testid="embed-title"]').waitFor();
    assert.equal(await frame.locator('[data-testid="embed-title"]').textContent(), partner.name);
    await page.close();
    assert.deepEqual(await context.cookies(), []);
  });

  it('answers bad oEmbed requests with problem+json', { skip: MOCK && 'oEmbed is the gateway\'s' }, async () => {
    const cases = [
      [`https://evil.example/embed/partners/${DEMO_PARTNER_ID}`, 404],
      [`${BASE}/embed/partners/${UNKNOWN_PARTNER}`, 404],
      [`${BASE}/embed/partners/not-a-uuid`, 404],
      [`javascript:alert(1)//${BASE}/embed/partners/${DEMO_PARTNER_ID}`, 400],
      ['', 400],
    ];
    for (const [url, status] of cases) {
      const answer = await fetch(`${BASE}/api/v1/oembed?url=${encodeURIComponent(url)}`);
      assert.equal(answer.status, status, url);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/, url);
      const problem = await answer.json();
      assert.equal(problem.status, status);
      assert.ok(problem.title && problem.type, url);
    }
  });
});
