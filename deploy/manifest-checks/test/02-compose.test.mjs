// (b) deploy/compose/compose.yaml against the Compose Specification schema, plus what Kiezwerk
// needs of it: every ${VAR} in .env.example, health checks and depends_on conditions that hold
// together, persistent volumes, the init steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import {
  composeDir, loadYaml, readDotenv, referencedVariables, interpolate, SERVICES,
} from "../lib/common.mjs";

const require = createRequire(import.meta.url);
const composeFile = path.join(composeDir, "compose.yaml");
const raw = loadYaml(composeFile)[0];
const dotenv = readDotenv(path.join(composeDir, ".env.example"));
const compose = interpolate(raw, dotenv);

test("compose.yaml validates against the Compose Specification JSON schema", () => {
  // the schema as shipped by dclint (the compose-spec project's schema/compose-spec.json)
  const schema = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve("dclint/package.json")), "schemas/compose.schema.json"), "utf8"));
  delete schema.$schema; // draft-07, Ajv's default; the URL spelling differs from Ajv's meta-schema id
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const ok = validate(compose);
  assert.ok(ok, "compose.yaml is not valid Compose:\n" + JSON.stringify(validate.errors, null, 2));
});

test("every variable compose.yaml uses is in .env.example, and .env.example has no unused one", () => {
  const used = referencedVariables(raw);
  const missing = [...used].filter(([name, hasDefault]) => !hasDefault && !dotenv.has(name)).map(([n]) => n);
  assert.deepEqual(missing, [], "not in .env.example");
  const unused = [...dotenv.keys()].filter((name) => !used.has(name));
  assert.deepEqual(unused, [], "in .env.example but not used by compose.yaml");
});

test("no secret has a real value in .env.example", () => {
  for (const [name, value] of dotenv) {
    if (/PASSWORD|SECRET_KEY|TOKEN/.test(name)) assert.match(value, /CHANGE-ME/, `${name} must be a CHANGE-ME placeholder`);
  }
});

test("PostgreSQL 16, apache/kafka (KRaft) and neo4j:5.26-community are the infrastructure images", () => {
  const images = Object.values(compose.services).map((s) => s.image);
  assert.ok(images.some((i) => /^postgres:16(\.|$|-)/.test(i)), "postgres:16");
  assert.ok(images.some((i) => /^apache\/kafka:/.test(i)), "apache/kafka");
  assert.ok(images.includes("neo4j:5.26-community"), "neo4j:5.26-community");
  const kafka = Object.values(compose.services).find((s) => /^apache\/kafka:/.test(s.image) && s.environment?.KAFKA_PROCESS_ROLES);
  assert.ok(kafka, "a Kafka node with KAFKA_PROCESS_ROLES (KRaft)");
  assert.match(String(kafka.environment.KAFKA_PROCESS_ROLES), /controller/);
});

for (const service of SERVICES) {
  test(`compose: ${service} runs its image, is checked for health and waits for what it needs`, () => {
    const s = compose.services[service];
    assert.ok(s, `service ${service} missing`);
    assert.equal(raw.services[service].image, `kiezwerk/${service}:\${KIEZWERK_VERSION}`);
    assert.ok(s.healthcheck?.test, "healthcheck");
    assert.match(JSON.stringify(s.healthcheck.test), /\/q\/health\/(ready|live)/);
    assert.ok(s.user && s.user !== "0" && s.user !== "root", "runs as a non-root user");
    assert.ok(s.depends_on && !Array.isArray(s.depends_on), "depends_on with conditions");
    if (service !== "gateway") assert.equal(s.ports, undefined, "only the gateway publishes a port");
  });
}

test("compose: depends_on conditions match what the dependencies offer", () => {
  for (const [name, s] of Object.entries(compose.services)) {
    for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
      const target = compose.services[dep];
      assert.ok(target, `${name} depends on unknown service ${dep}`);
      if (condition === "service_healthy") assert.ok(target.healthcheck?.test, `${name} waits for ${dep} to be healthy, but ${dep} has no healthcheck`);
      if (condition === "service_completed_successfully") assert.equal(String(target.restart ?? "no"), "no", `${dep} is a one-off step and must not restart`);
    }
  }
});

test("compose: data lives on named volumes (PostgreSQL, Kafka, Neo4j)", () => {
  const mounts = (svc) => (compose.services[svc].volumes ?? []).map((v) => (typeof v === "string" ? v : `${v.source}:${v.target}`));
  const volumeOf = (svc, target) => mounts(svc).map((m) => m.split(":")).find(([, t]) => t === target)?.[0];
  for (const [svc, target] of [["postgres", "/var/lib/postgresql/data"], ["kafka", "/var/lib/kafka/data"], ["neo4j", "/data"]]) {
    const source = volumeOf(svc, target);
    assert.ok(source && compose.volumes && source in compose.volumes, `${svc}: ${target} on a named volume`);
  }
  assert.equal(compose.services.kafka.environment.KAFKA_LOG_DIRS, "/var/lib/kafka/data");
});

test("compose: an init step creates the databases the services use, another the topics", () => {
  const script = fs.readFileSync(path.join(composeDir, "initdb/create-databases.sh"), "utf8");
  // the gateway's database holds the API keys
  for (const service of ["partner-service", "event-service", "gateway"]) {
    const db = compose.services[service].environment.KIEZWERK_POSTGRES_DATABASE;
    assert.match(script, new RegExp(`^create ${db} `, "m"), `the init script creates database ${db}`);
    assert.equal(compose.services[service].depends_on["postgres-init"]?.condition, "service_completed_successfully");
  }
  const topics = JSON.stringify(compose.services["kafka-init"]);
  for (const t of ["kiezwerk.partners.v1", "kiezwerk.events.v1", "kiezwerk.ties.v1", ".dlq", "cleanup.policy=compact"]) assert.ok(topics.includes(t), `kafka-init mentions ${t}`);
  // kiezwerk.outbox.parked (what the broker refused the outbox connectors for good): 6 partitions, not compacted
  const commands = [compose.services["kafka-init"].command].flat().join("\n").replace(/\\\n\s*/g, " ").split("\n");
  const parked = commands.filter((c) => c.includes("--topic kiezwerk.outbox.parked"));
  assert.equal(parked.length, 1, "kafka-init creates kiezwerk.outbox.parked");
  assert.match(parked[0], /--partitions 6\b/);
  assert.ok(!parked[0].includes("compact"), "kiezwerk.outbox.parked is not compacted");
});

// ---------------------------------------------------------------- the outbox connectors
const OUTBOX_DATABASES = { partner: "partner-service", event: "event-service" };

test("compose: PostgreSQL runs with wal_level=logical; postgres-init makes each outbox's publication and slot", () => {
  const command = [compose.services.postgres.command].flat().join(" ");
  assert.match(command, /wal_level=logical/);
  const script = fs.readFileSync(path.join(composeDir, "initdb/create-databases.sh"), "utf8");
  for (const db of Object.keys(OUTBOX_DATABASES)) assert.match(script, new RegExp(`^outbox ${db}$`, "m"), `the init script prepares the outbox of ${db}`);
  assert.match(script, /CREATE PUBLICATION kiezwerk_outbox/);
  assert.match(script, /pg_create_logical_replication_slot/);
});

test("compose: connect, the outbox connectors' worker: its image, non-root, health on the REST API, after the topics and slots", () => {
  const c = compose.services.connect;
  assert.ok(c, "service connect");
  assert.equal(raw.services.connect.image, "kiezwerk/outbox-connect:${KIEZWERK_VERSION}");
  assert.ok(c.user && c.user !== "0" && c.user !== "root", "runs as a non-root user");
  assert.match(JSON.stringify(c.healthcheck?.test), /8083.*\/connectors/, "health check asks the REST API");
  assert.equal(c.depends_on?.["kafka-init"]?.condition, "service_completed_successfully");
  assert.equal(c.depends_on?.["postgres-init"]?.condition, "service_completed_successfully");
  assert.equal(c.ports, undefined, "the REST API stays inside the network");
  // the worker config it is given: the env config provider for the passwords
  const mount = c.volumes.map((v) => (typeof v === "string" ? v.split(":") : [v.source, v.target])).find(([, target]) => JSON.stringify([c.entrypoint, c.command]).includes(target));
  assert.ok(mount, "the worker properties are mounted where the command reads them");
  const properties = fs.readFileSync(path.resolve(composeDir, mount[0]), "utf8");
  assert.match(properties, /^config\.providers\.env\.class=org\.apache\.kafka\.common\.config\.provider\.EnvVarConfigProvider$/m);
  assert.match(properties, /^connector\.client\.config\.override\.policy=All$/m, "connectors may set producer.override.*");
  for (const t of ["config", "offset", "status"]) assert.match(properties, new RegExp(`^${t}\\.storage\\.replication\\.factor=1$`, "m"), "one broker");
});

test("compose: connect-init registers each outbox connector once the worker is up and the services have migrated", () => {
  const init = compose.services["connect-init"];
  assert.ok(init, "service connect-init");
  assert.equal(String(init.restart), "no");
  assert.equal(init.depends_on?.connect?.condition, "service_healthy");
  const mounted = new Map(init.volumes.map((v) => (typeof v === "string" ? v.split(":") : [v.source, v.target])).map(([source, target]) => [path.posix.basename(target), source]));
  for (const [db, service] of Object.entries(OUTBOX_DATABASES)) {
    // the service's migration adds its outbox table to the publication: healthy means migrated
    assert.equal(init.depends_on?.[service]?.condition, "service_healthy", `after ${service}`);
    const file = mounted.get(`${db}-outbox.json`);
    assert.ok(file && fs.existsSync(path.resolve(composeDir, file)), `${db}-outbox.json is mounted`);
    assert.ok(JSON.stringify(init.command).includes("connectors/$name/config") || JSON.stringify(init.command).includes(`connectors/${db}-outbox/config`), "PUT /connectors/<name>/config");
    const config = JSON.parse(fs.readFileSync(path.resolve(composeDir, file), "utf8"));
    const env = compose.services[service].environment;
    assert.equal(config["database.hostname"], env.KIEZWERK_POSTGRES_HOST);
    assert.equal(config["database.dbname"], env.KIEZWERK_POSTGRES_DATABASE);
    // the password: ${env:X}, and the worker gets X as the service gets its password
    const m = /^\$\{env:(\w+)\}$/.exec(config["database.password"]);
    assert.ok(m, `${db}-outbox: database.password is \${env:...}, not a value`);
    assert.equal(raw.services.connect.environment[m[1]], raw.services[service].environment.KIEZWERK_POSTGRES_PASSWORD);
  }
});
