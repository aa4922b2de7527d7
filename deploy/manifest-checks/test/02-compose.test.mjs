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
});
