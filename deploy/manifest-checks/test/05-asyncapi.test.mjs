// (d) docs/asyncapi.yaml: valid AsyncAPI (the real parser, @asyncapi/parser), its payloads are the
// JSON Schemas the services' tests validate published messages against, its CloudEvents types are
// the ones the producers' sources publish, its topics and groups those of the deployment.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Parser, fromFile } from "@asyncapi/parser";
import { repoRoot, loadYaml, serviceSettings } from "../lib/common.mjs";
import { resources } from "../lib/k8s.mjs";

const docsDir = path.join(repoRoot, "docs");
const asyncapiFile = path.join(docsDir, "asyncapi.yaml");
const raw = loadYaml(asyncapiFile)[0];
const SCHEMAS = {
  "kiezwerk.partners.v1": path.join(docsDir, "schemas/partner-message.v1.schema.json"),
  "kiezwerk.events.v1": path.join(docsDir, "schemas/event-message.v1.schema.json"),
  "kiezwerk.ties.v1": path.join(docsDir, "schemas/tie-message.v1.schema.json"),
};
const PRODUCERS = { "kiezwerk.partners.v1": "partner-service", "kiezwerk.events.v1": "event-service", "kiezwerk.ties.v1": "network-service" };
// the middle part of the topic's CloudEvents types (org.kiezwerk.<part>.<change>.v1)
const TYPE_PART = { "kiezwerk.partners.v1": "partner", "kiezwerk.events.v1": "event", "kiezwerk.ties.v1": "network" };
// topics a consumer dead-letters to <topic>.dlq (no consumer of the tie topic does)
const DEAD_LETTERED = new Set(["kiezwerk.partners.v1", "kiezwerk.events.v1"]);

let parsed;
before(async () => {
  parsed = await fromFile(new Parser(), asyncapiFile).parse();
});

test("docs/asyncapi.yaml is a valid AsyncAPI 3 document (no errors, no warnings)", () => {
  const bad = parsed.diagnostics.filter((d) => d.severity <= 1);
  for (const d of parsed.diagnostics.filter((x) => x.severity > 1)) console.log(`  note: ${d.code}: ${d.message}`);
  assert.deepEqual(bad.map((d) => `${d.code}: ${d.message} at ${JSON.stringify(d.path)}`), []);
  assert.ok(parsed.document, "the parser returned no document");
  assert.match(parsed.document.version(), /^3\./);
});

const channelOf = (address) => Object.entries(raw.channels).find(([, c]) => c.address === address);
const messagesOf = (address) => {
  const [, channel] = channelOf(address);
  return Object.values(channel.messages).map((m) => {
    const name = m.$ref.replace("#/components/messages/", "");
    return raw.components.messages[name];
  });
};

for (const [topic, schemaFile] of Object.entries(SCHEMAS)) {
  test(`${topic}: every message's payload is $ref to ${path.relative(repoRoot, schemaFile)}`, () => {
    assert.ok(channelOf(topic), `a channel with address ${topic}`);
    const messages = messagesOf(topic).filter((m) => m.payload?.type !== "null");
    assert.ok(messages.length >= 3);
    for (const m of messages) {
      const ref = m.payload?.schema?.$ref;
      assert.ok(ref, `${m.name}: payload.schema.$ref`);
      assert.equal(path.resolve(docsDir, ref), schemaFile, `${m.name} refers to ${ref}`);
      assert.match(m.payload.schemaFormat, /^application\/schema\+json;version=draft-07$/);
    }
    // and the parser really resolved the file: the resolved payload carries the schema's $id
    const id = JSON.parse(fs.readFileSync(schemaFile, "utf8")).$id;
    const channel = parsed.document.channels().all().find((c) => c.address() === topic);
    const resolved = channel.messages().all().filter((m) => m.name() !== "tombstone");
    assert.equal(resolved.length, messages.length);
    for (const m of resolved) assert.equal(m.payload().id(), id, `${m.name()}: resolved payload is ${schemaFile}`);
  });

  test(`${topic}: the CloudEvents types are exactly those ${PRODUCERS[topic]} publishes, and those of docs/events.md`, () => {
    const declared = new Set();
    for (const m of messagesOf(topic).filter((x) => x.payload?.type !== "null")) {
      const own = m.headers.allOf.find((h) => h.properties?.ce_type);
      assert.equal(own.properties.ce_type.const, m.name, `${m.name}: ce_type const is the message name`);
      assert.equal(own.properties.ce_source.const, `/${PRODUCERS[topic]}`);
      assert.equal(m.headers.allOf[0].$ref, "#/components/schemas/cloudEventsHeaders");
      declared.add(m.name);
    }
    const aggregate = TYPE_PART[topic];
    const inSources = new Set();
    const walk = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(".java")) {
          for (const m of fs.readFileSync(p, "utf8").matchAll(/"(org\.kiezwerk\.([a-z]+)\.[a-z-]+\.v\d+)"/g)) {
            if (m[2] === aggregate) inSources.add(m[1]);
          }
        }
      }
    };
    walk(path.join(repoRoot, PRODUCERS[topic], "src/main/java"));
    assert.deepEqual([...declared].sort(), [...inSources].sort(), `types in ${PRODUCERS[topic]}/src/main/java`);
    const eventsMd = fs.readFileSync(path.join(docsDir, "events.md"), "utf8");
    const documented = new Set([...eventsMd.matchAll(new RegExp(`org\\.kiezwerk\\.${aggregate}\\.[a-z-]+\\.v\\d+`, "g"))].map((m) => m[0]));
    assert.deepEqual([...declared].sort(), [...documented].sort(), "types in docs/events.md");
  });

  test(`${topic}: the tombstone and the dead-letter topic are declared`, () => {
    assert.ok(messagesOf(topic).some((m) => m.payload?.type === "null"), "a tombstone message (null payload)");
    if (!DEAD_LETTERED.has(topic)) {
      assert.ok(!channelOf(`${topic}.dlq`), `${topic} has no consumer that dead-letters, so no ${topic}.dlq`);
      return;
    }
    const dlq = channelOf(`${topic}.dlq`);
    assert.ok(dlq, `${topic}.dlq`);
    assert.deepEqual(dlq[1].bindings.kafka.topicConfiguration["cleanup.policy"], ["delete"]);
  });
}

test("the channels' Kafka bindings agree with the KafkaTopics of deploy/k8s", () => {
  const topics = new Map(resources().map((r) => r.doc).filter((d) => d.kind === "KafkaTopic").map((t) => [t.spec.topicName, t]));
  for (const [, c] of Object.entries(raw.channels)) {
    const k = c.bindings.kafka;
    const t = topics.get(c.address);
    assert.ok(t, `KafkaTopic for ${c.address}`);
    assert.equal(k.topic, c.address);
    assert.equal(k.partitions, t.spec.partitions, `${c.address} partitions`);
    assert.equal(k.replicas, t.spec.replicas, `${c.address} replicas`);
    assert.deepEqual(k.topicConfiguration["cleanup.policy"], [t.spec.config["cleanup.policy"]], `${c.address} cleanup.policy`);
  }
});

test("the consumer groups are those the services configure", () => {
  const groups = new Map();
  for (const service of ["partner-service", "event-service", "network-service"]) {
    const text = fs.readFileSync(serviceSettings(service).file, "utf8");
    for (const m of text.matchAll(/^mp\.messaging\.incoming\.[^.]+\.topic=(.+)$/gm)) {
      const channel = m[0].split(".")[3];
      const group = text.match(new RegExp(`^mp\\.messaging\\.incoming\\.${channel}\\.group\\.id=(.+)$`, "m"))[1].trim();
      groups.set(`${m[1].trim()} ${group}`, service);
    }
  }
  const declared = new Set();
  for (const op of Object.values(raw.operations).filter((o) => o.action === "receive")) {
    const channel = raw.channels[op.channel.$ref.replace("#/channels/", "")];
    declared.add(`${channel.address} ${op.bindings.kafka.groupId.const}`);
  }
  assert.deepEqual([...declared].sort(), [...groups.keys()].sort());
});
