// Builds e2e/fixtures/demo.json from the project's demo data (deploy/local/demo-neighbourhood.txt),
// so that the mock API answers with the same partners, offers, resources and events as the real
// system after `deploy/local/run.sh` loads the demo. Run again when the demo file changes:
//   node e2e/make-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const demo = join(here, '..', '..', '..', '..', '..', 'deploy', 'local', 'demo-neighbourhood.txt');
const out = { neighbourhoods: [], partners: [], offers: [], resources: [], events: [], cancellations: [] };
for (const line of readFileSync(demo, 'utf8').split('\n')) {
  const m = /^(PUT|POST) (\S+) (\{.*\})\s*$/.exec(line);
  if (!m) continue;
  const [, method, path, body] = m;
  const data = JSON.parse(body);
  const parts = path.split('/').filter(Boolean); // api v1 things id [...]
  const thing = parts[2];
  const id = parts[3];
  if (method === 'POST' && parts[4] === 'occurrences') {
    out.cancellations.push({ eventId: id, ...data });
    continue;
  }
  if (thing in out) out[thing].push({ id, ...data });
}

// the seeded taxonomies, read from partner-service's Flyway migration (German and English names)
const seed = readFileSync(
  join(here, '..', '..', '..', '..', '..', 'partner-service', 'src', 'main', 'resources', 'db', 'migration', 'V3__directory.sql'),
  'utf8',
);
const num = (v) => (v === 'null' ? null : Number(v));
out.targetGroups = [...seed.matchAll(/\('([a-z_]+)', '([^']+)', '([^']+)', (\d+|null), (\d+|null)\)/g)].map(
  ([, code, nameDe, nameEn, ageMin, ageMax]) => ({ taxonomy: 'target_groups', code, nameDe, nameEn, ageMin: num(ageMin), ageMax: num(ageMax) }),
);
out.categories = [...seed.matchAll(/\('([a-z_]+)', '([^']+)', '([^']+)'\)[,\n]/g)].map(([, code, nameDe, nameEn]) => ({
  taxonomy: 'offer_categories',
  code,
  nameDe,
  nameEn,
}));

// Cooperation ties (network-service POST /network/ties) for a more interesting mock network; the
// real demo's graph comes from the shared events. By name prefix → resolved to ids here.
const byName = (prefix) => {
  const p = out.partners.find((x) => x.name.startsWith(prefix));
  if (!p) throw new Error(`no partner ${prefix}`);
  return p.id;
};
out.ties = [
  ['Jugendhaus Hafenviertel', 'Integrierte Gesamtschule', 4],
  ['Jugendhaus Hafenviertel', 'Boxclub Hafen', 3],
  ['Integrierte Gesamtschule', 'Boxclub Hafen', 2],
  ['Stadtteilmütter Hafenviertel', 'Jugendhaus Hafenviertel', 2],
  ['Volkshochschule Auenstadt', 'Musikschule Auenstadt', 3],
  ['Kulturkreis Auenstadt', 'Musikschule Auenstadt', 4],
  ['Stadtteilcafé Mitte', 'Freiwilligenagentur Auenstadt', 3],
  ['Freiwilligenagentur Auenstadt', 'Volkshochschule Auenstadt', 2],
  ['Familienzentrum Almenhof', 'Mütterzentrum Almenhof', 4],
  ['Familienzentrum Almenhof', 'Mehrgenerationenhaus Almenhof', 3],
  ['Kath. Pfarrei St. Anna', 'Seniorentreff Almenhof', 3],
  ['Mehrgenerationenhaus Almenhof', 'Seniorentreff Almenhof', 2],
  ['Kita Sonnenschein', 'Diesterweg-Grundschule', 3],
  ['Ev. Kirchengemeinde St. Markus', 'Chor „Lindenklang“', 5],
  ['Quartiersbüro Lindenhof', 'Nachbarschaftsinitiative Lindenhof', 3],
  ['Repair-Café Lindenhof', 'Tauschring Lindenhof', 2],
].map(([a, b, strength]) => ({ from: byName(a), to: byName(b), strength }));

writeFileSync(join(here, 'fixtures', 'demo.json'), JSON.stringify(out, null, 1) + '\n');
console.log(
  Object.entries(out)
    .map(([k, v]) => `${k}: ${v.length}`)
    .join(', '),
);
