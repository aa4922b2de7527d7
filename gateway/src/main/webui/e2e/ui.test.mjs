// Browser end-to-end tests of the web front end in Debian's headless Chromium (playwright-core, no
// browser download). Against a running gateway with the demo data:
//   KIEZWERK_BASE_URL=http://127.0.0.1:8080 npm run e2e
// or against the mock API: npm run e2e:mock. Screenshots go to $KIEZWERK_SCREENSHOT_DIR
// (default target/screenshots).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.KIEZWERK_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const SHOTS = resolve(process.env.KIEZWERK_SCREENSHOT_DIR || 'target/screenshots');
const TIMEOUT = Number(process.env.KIEZWERK_E2E_TIMEOUT_MS || 20000);
// a demo partner (deploy/local/demo-neighbourhood.txt) with offers, resources, events and ties
const DEMO_PARTNER = 'Begegnungszentrum Lindenhof';
const DEMO_PARTNER_ID = '9f32d001-59a8-4643-b98c-83c6b6228d6b';

let context;
let page;
let profile;
const problems = []; // CSP violations and uncaught page errors

function watch(p) {
  p.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
}

/** waits until the result list answers the search in the page address */
async function waitForResults(p) {
  await p.waitForFunction(() => {
    const list = document.querySelector('[data-testid="results"]');
    const query = location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?') + 1) : '';
    return list !== null && list.getAttribute('data-query') === query;
  });
}

async function shot(p, name) {
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function waitForGraph(p, testId) {
  const graph = p.locator(`[data-testid="${testId}"]`);
  await graph.waitFor({ state: 'attached', timeout: TIMEOUT });
  await p.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-ready') === 'true',
    testId,
    { timeout: TIMEOUT },
  );
  const count = Number(await graph.getAttribute('data-node-count'));
  const canvases = await graph.locator('canvas').count();
  return { graph, count, canvases };
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'kiezwerk-e2e-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  context.setDefaultTimeout(TIMEOUT);
  page = context.pages()[0] ?? (await context.newPage());
  watch(page);
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('Kiezwerk web front end', () => {
  it('is served with its assets and starts in German', async () => {
    const response = await page.goto(`${BASE}/`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200);
    await page.locator('h1#page-title').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.locator('nav a', { hasText: 'Partner suchen' }).count(), 1);
  });

  it('searches for a demo partner', async () => {
    await page.goto(`${BASE}/#/`);
    await page.locator('[data-testid="result-count"]').waitFor();
    await page.getByLabel('Suchbegriff').fill('Begegnungszentrum');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForFunction(() => location.hash.includes('q=Begegnungszentrum'));
    await waitForResults(page);
    const hit = page.locator('[data-testid="results"] a', { hasText: DEMO_PARTNER });
    await hit.first().waitFor();
    assert.ok((await hit.count()) >= 1);
    await shot(page, '01-search');
  });

  it('filters by neighbourhood, kind and a place with radius', async () => {
    await page.goto(`${BASE}/#/`);
    await page.locator('[data-testid="result-count"]').waitFor();
    await page.locator('#centre option[value="lindenhof"]').waitFor({ state: 'attached' });
    await page.selectOption('#centre', 'lindenhof'); // fills lat/lon from the quarter's centre
    assert.notEqual(await page.inputValue('#lat'), '');
    await page.fill('#radius', '1500');
    await page.selectOption('#kind', 'community_centre');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForFunction(() => location.hash.includes('radius=1500') && location.hash.includes('kind=community_centre'));
    await waitForResults(page);
    const hit = page.locator('[data-testid="results"] a', { hasText: DEMO_PARTNER });
    await hit.first().waitFor();
    assert.match(await page.locator('[data-testid="results"] .meta').first().innerText(), /entfernt/);
  });

  it('opens a partner with its offers, resources, events and network graph', async () => {
    await page.goto(`${BASE}/#/?q=Begegnungszentrum`);
    await waitForResults(page);
    await page.locator('[data-testid="results"] a', { hasText: DEMO_PARTNER }).first().click();
    await page.waitForFunction((id) => location.hash === `#/partners/${id}`, DEMO_PARTNER_ID);
    await page.locator('h1#page-title', { hasText: DEMO_PARTNER }).waitFor();
    await page.locator('[data-testid="offers"] .card').first().waitFor();
    await page.locator('[data-testid="resources"]', { hasText: 'Großer Saal' }).waitFor();
    await page.locator('[data-testid="partner-events"] [data-testid="occurrences"] .card').first().waitFor();
    const feed = await page.locator('[data-testid="partner-events"] a.button-link').getAttribute('href');
    assert.match(feed ?? '', /^webcal:\/\/.+\/api\/v1\/events\/calendar\.ics\?partner=/);
    const { count, canvases } = await waitForGraph(page, 'ego-graph');
    assert.ok(count >= 2, `the ego network should draw the partner and its neighbours, drew ${count}`);
    assert.ok(canvases >= 1, 'cytoscape draws on a canvas');
    await shot(page, '02-partner');
  });

  it('opens a partner by clicking a node of the graph', async () => {
    const { graph } = await waitForGraph(page, 'ego-graph');
    const target = await graph.evaluate((el, focus) => {
      const cy = el.__cy;
      const node = cy.nodes().filter((n) => n.id() !== focus)[0];
      const p = node.renderedPosition();
      return { id: node.id(), x: p.x, y: p.y };
    }, DEMO_PARTNER_ID);
    const box = await graph.boundingBox();
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForFunction((id) => location.hash === `#/partners/${id}`, target.id);
    await page.locator('[data-testid="partner"] h1#page-title').waitFor();
  });

  it('shows the event calendar with filters and a subscribe link', async () => {
    await page.goto(`${BASE}/#/`);
    await page.locator('nav a', { hasText: 'Veranstaltungen' }).click();
    await page.locator('h1#page-title', { hasText: 'Veranstaltungskalender' }).waitFor();
    await page.fill('#from', '2027-01-01');
    await page.fill('#to', '2027-03-31');
    await page.locator('#eneighbourhood option[value="lindenhof"]').waitFor({ state: 'attached' });
    await page.selectOption('#eneighbourhood', 'lindenhof');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForFunction(() => location.hash.includes('from=2027-01-01') && location.hash.includes('neighbourhood=lindenhof'));
    await page.locator('[data-testid="occurrences"] .card').first().waitFor();
    assert.ok((await page.locator('[data-testid="occurrences"] .card').count()) >= 2);
    const webcal = await page.getAttribute('[data-testid="subscribe"]', 'href');
    const http = await page.getAttribute('[data-testid="feed-link"]', 'href');
    assert.match(webcal ?? '', /^webcal:\/\//);
    assert.ok((webcal ?? '').endsWith('/api/v1/events/calendar.ics?neighbourhood=lindenhof'), webcal ?? '');
    assert.equal(http, `${BASE}/api/v1/events/calendar.ics?neighbourhood=lindenhof`);
    const feed = await context.request.get(http);
    assert.equal(feed.status(), 200);
    assert.match(await feed.text(), /BEGIN:VCALENDAR/);
    await shot(page, '03-calendar');
  });

  it('draws the network map of a neighbourhood with communities in colour', async () => {
    await page.locator('nav a', { hasText: 'Netzwerkkarte' }).click();
    await page.locator('h1#page-title', { hasText: 'Netzwerkkarte' }).waitFor();
    await page.locator('#nneighbourhood option[value="lindenhof"]').waitFor({ state: 'attached' });
    await page.selectOption('#nneighbourhood', 'lindenhof');
    await page.waitForFunction(() => location.hash.includes('neighbourhood=lindenhof'));
    const { count, canvases } = await waitForGraph(page, 'network-graph');
    assert.ok(count >= 2, `the network map should draw organisations, drew ${count}`);
    assert.ok(canvases >= 1);
    assert.ok((await page.locator('[data-testid="key-actors"] li').count()) >= 1);
    // PageRank against the average actor's, readable at any scale (the scores themselves shrink with the network)
    assert.match(await page.locator('[data-testid="key-actors"] li').first().innerText(), /PageRank \d+,\d × Durchschnitt/);
    const colours = await page.locator('[data-testid="network-graph"]').evaluate((el) =>
      [...new Set(el.__cy.nodes().map((n) => n.data('colour')))].length,
    );
    assert.ok(colours >= 1);
    await shot(page, '04-network');
  });

  it('asks for an area rather than drawing a city too large for a browser', async () => {
    // the city-wide key actors say 20,000 organisations (as a real city would): the map must not fetch the whole export
    const city = async (route) => {
      const answer = await route.fetch();
      const body = await answer.json();
      await route.fulfill({ response: answer, json: { ...body, organisations: 20000, ties: 100000 } });
    };
    const exports = [];
    const seen = (request) => {
      if (request.url().includes('/api/v1/network/export')) exports.push(request.url());
    };
    await page.route(/\/api\/v1\/analytics\/key-actors(\?(?!.*neighbourhood=)[^#]*)?$/, city);
    page.on('request', seen);
    try {
      await page.goto(`${BASE}/#/network`);
      await page.locator('[data-testid="choose-area"]').waitFor({ timeout: TIMEOUT });
      assert.match(await page.locator('[data-testid="choose-area"]').innerText(), /20\.000 Organisationen/);
      assert.ok((await page.locator('[data-testid="key-actors"] li').count()) >= 1, 'the city\'s key actors are listed');
      assert.equal(await page.locator('[data-testid="network-graph"]').count(), 0);
      assert.deepEqual(exports, [], 'no export of the whole city fetched');
    } finally {
      page.off('request', seen);
      await page.unroute(/\/api\/v1\/analytics\/key-actors(\?(?!.*neighbourhood=)[^#]*)?$/, city);
    }
  });

  it('shows the gap view as a neighbourhood × target group matrix', async () => {
    await page.locator('nav a', { hasText: 'Lückenansicht' }).click();
    await page.locator('#gneighbourhood option[value="auenstadt-sued"]').waitFor({ state: 'attached' });
    await page.selectOption('#gneighbourhood', 'auenstadt-sued');
    await page.waitForFunction(() => location.hash.includes('neighbourhood=auenstadt-sued'));
    const table = page.locator('[data-testid="gap-matrix"]');
    await table.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="gap-matrix"]')?.getAttribute('data-rows') === '2');
    assert.ok(Number(await table.getAttribute('data-cols')) >= 10);
    assert.ok((await table.locator('tbody th', { hasText: 'Lindenhof' }).count()) === 1);
    assert.ok((await table.locator('td[data-gap="true"]').count()) >= 1, 'the demo has gaps (e.g. young people in Lindenhof)');
    await shot(page, '05-gaps');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('nav a', { hasText: 'Find partners' }).waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('h1#page-title', { hasText: 'Gap view' }).waitFor();
    await shot(page, '06-gaps-en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.locator('nav a', { hasText: 'Partner suchen' }).waitFor();
  });

  it('shows an API problem (RFC 9457) to the user', async () => {
    await page.goto(`${BASE}/#/?age=500`);
    const problem = page.locator('[data-testid="problem"]');
    await problem.waitFor();
    assert.ok((await problem.innerText()).trim().length > 0);
  });

  it('is keyboard usable with a visible focus', async () => {
    await page.goto(`${BASE}/#/`);
    await page.locator('[data-testid="result-count"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="result-count"]').waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      const style = el ? getComputedStyle(el) : null;
      return { cls: el?.className, outline: style?.outlineStyle, width: style?.outlineWidth };
    });
    assert.equal(first.cls, 'skip-link');
    assert.notEqual(first.outline, 'none');
    // tab on to the search field and search with Enter
    for (let i = 0; i < 12; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === 'q') break;
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
    await page.keyboard.type('Kita');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('q=Kita'));
    // every visible form control has a label
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select')].filter(
        (el) => !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label'),
      ).length,
    );
    assert.equal(unlabelled, 0);
  });

  it('fits a phone screen of 375 px', async () => {
    const phone = await context.newPage();
    watch(phone);
    await phone.setViewportSize({ width: 375, height: 812 });
    for (const [hash, name, ready] of [
      ['#/', '07-phone-search', '[data-testid="result-count"]'],
      [`#/partners/${DEMO_PARTNER_ID}`, '08-phone-partner', '[data-testid="offers"] .card'],
      ['#/gaps?neighbourhood=auenstadt-sued', '09-phone-gaps', '[data-testid="gap-matrix"]'],
    ]) {
      await phone.goto(`${BASE}/${hash}`);
      await phone.locator(ready).first().waitFor();
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${hash} is ${width}px wide at a 375px viewport`);
      await shot(phone, name);
    }
    await phone.close();
  });

  it('runs under the Content-Security-Policy without errors', () => {
    assert.deepEqual(problems, []);
  });
});
