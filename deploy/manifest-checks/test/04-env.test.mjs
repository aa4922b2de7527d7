// (c) every environment variable a service reads is set for it, in compose and in Kubernetes;
// nothing is set that the service does not read; file settings point into mounted files; host
// settings name something that exists in the same deployment.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  composeDir, k8sDir, loadYaml, readDotenv, interpolate, composeEnvironment,
  requiredEnv, knownEnv, requiredSettings, serviceSettings, SERVICES,
} from "../lib/common.mjs";
import { resources } from "../lib/k8s.mjs";

const req = requiredSettings();

test("the services' application.properties have the placeholders the deployments are built on", () => {
  // guards the derivation: if these disappear, the parsing of application.properties broke
  assert.ok(serviceSettings("partner-service").placeholders.has("KIEZWERK_POSTGRES_HOST"));
  assert.ok(serviceSettings("network-service").placeholders.has("KIEZWERK_NEO4J_BOLT_PORT"));
  assert.ok(serviceSettings("gateway").placeholders.has("KIEZWERK_GATEWAY_CORS_ORIGINS"));
});

// ---------------------------------------------------------------- compose
const composeRaw = loadYaml(path.join(composeDir, "compose.yaml"))[0];
const compose = interpolate(composeRaw, readDotenv(path.join(composeDir, ".env.example")));

function composeMounts(service) {
  const s = compose.services[service];
  const mounts = [];
  for (const v of s.volumes ?? []) {
    const [source, target] = typeof v === "string" ? v.split(":") : [v.source, v.target];
    mounts.push({ target, kind: compose.volumes && source in compose.volumes ? "persistent" : "bind" });
  }
  for (const sec of s.secrets ?? []) {
    const name = typeof sec === "string" ? sec : sec.source;
    const target = typeof sec === "string" || !sec.target ? `/run/secrets/${name}` : sec.target.startsWith("/") ? sec.target : `/run/secrets/${sec.target}`;
    assert.ok(compose.secrets?.[name], `secret ${name} is declared at the top level`);
    mounts.push({ target, kind: "secret", file: true });
  }
  return mounts;
}

for (const service of SERVICES) {
  test(`compose: ${service} gets every variable it reads, and only those`, () => {
    const env = composeEnvironment(compose.services[service].environment);
    for (const [name, why] of requiredEnv(service)) {
      assert.ok(env.has(name) && env.get(name) !== null, `${name} is not set for ${service} (needed: ${why})`);
    }
    for (const [name, value] of Object.entries(req.everyService)) assert.equal(env.get(name), value, `${name}`);
    const known = knownEnv(service);
    for (const name of env.keys()) assert.ok(known.has(name), `${name} is set for ${service}, which reads no such setting (typo?)`);
  });

  test(`compose: ${service}'s file settings point into mounted secrets or volumes, its hosts exist`, () => {
    const env = composeEnvironment(compose.services[service].environment);
    const mounts = composeMounts(service);
    for (const [name, kind] of Object.entries(req.files)) {
      if (!env.has(name)) continue;
      const value = env.get(name);
      const mount = mounts.find((m) => (m.file ? value === m.target : value.startsWith(m.target + "/")));
      assert.ok(mount, `${name}=${value} is not inside a mounted secret or volume of ${service}`);
      assert.equal(mount.kind, kind, `${name} must come from a ${kind} mount`);
    }
    for (const name of req.hosts) {
      if (env.has(name)) assert.ok(compose.services[env.get(name)], `${name}=${env.get(name)} is no service of compose.yaml`);
    }
    for (const name of req.urls) {
      if (!env.has(name)) continue;
      const host = new URL(env.get(name)).hostname;
      assert.ok(compose.services[host], `${name}: ${host} is no service of compose.yaml`);
    }
  });
}

// ---------------------------------------------------------------- Kubernetes
const k8s = resources().map((r) => r.doc);
const byKind = (kind, name) => k8s.find((d) => d.kind === kind && d.metadata.name === name);
// hosts that operators create: Strimzi's bootstrap Service, CloudNativePG's rw/ro/r Services,
// the Neo4j Helm release (neo4j-values.yaml, release name = neo4j.name)
const neo4jValues = loadYaml(path.join(k8sDir, "neo4j-values.yaml"))[0];
const k8sHosts = new Set([
  ...k8s.filter((d) => d.kind === "Service").map((d) => d.metadata.name),
  ...k8s.filter((d) => d.kind === "Kafka").map((d) => `${d.metadata.name}-kafka-bootstrap`),
  ...k8s.filter((d) => d.kind === "Cluster").flatMap((d) => ["rw", "ro", "r"].map((s) => `${d.metadata.name}-${s}`)),
  neo4jValues.neo4j.name,
]);

/** The container's environment: name -> { source, value?, secret?, key? }, envFrom resolved. */
function containerEnv(container, where) {
  const env = new Map();
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? "ConfigMap" : "Secret";
    const obj = byKind(kind, ref.name);
    assert.ok(obj || ref.optional, `${where}: envFrom ${kind} ${ref.name} does not exist`);
    for (const [k, v] of Object.entries({ ...(obj?.data ?? {}), ...(obj?.stringData ?? {}) })) {
      env.set((from.prefix ?? "") + k, { source: `${kind} ${ref.name}`, value: String(v) });
    }
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom?.secretKeyRef || e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.secretKeyRef ?? e.valueFrom.configMapKeyRef;
      const kind = e.valueFrom.secretKeyRef ? "Secret" : "ConfigMap";
      const obj = byKind(kind, ref.name);
      assert.ok(obj, `${where}: ${e.name} refers to missing ${kind} ${ref.name}`);
      const data = { ...(obj.data ?? {}), ...(obj.stringData ?? {}) };
      assert.ok(ref.key in data, `${where}: ${e.name} refers to missing key ${ref.key} of ${kind} ${ref.name}`);
      env.set(e.name, { source: `${kind} ${ref.name}`, value: String(data[ref.key]) });
    } else {
      env.set(e.name, { source: "env", value: e.value === undefined ? undefined : String(e.value) });
    }
  }
  return env;
}

for (const service of SERVICES) {
  test(`k8s: ${service} gets every variable it reads, and only those`, () => {
    const d = byKind("Deployment", service);
    assert.ok(d, `Deployment ${service}`);
    const env = containerEnv(d.spec.template.spec.containers[0], `Deployment ${service}`);
    for (const [name, why] of requiredEnv(service)) {
      assert.ok(env.has(name), `${name} is not set for ${service} (needed: ${why})`);
    }
    for (const [name, value] of Object.entries(req.everyService)) assert.equal(env.get(name).value, value, name);
    for (const name of ["KIEZWERK_POSTGRES_PASSWORD", "KIEZWERK_NEO4J_PASSWORD"]) {
      if (env.has(name)) assert.match(env.get(name).source, /^Secret /, `${name} must come from a Secret`);
    }
    const known = knownEnv(service);
    for (const name of env.keys()) assert.ok(known.has(name), `${name} is set for ${service}, which reads no such setting (typo?)`);
  });

  test(`k8s: ${service}'s file settings point into mounted Secrets or volumes, its hosts exist`, () => {
    const d = byKind("Deployment", service);
    const pod = d.spec.template.spec;
    const c = pod.containers[0];
    const env = containerEnv(c, `Deployment ${service}`);
    for (const [name, kind] of Object.entries(req.files)) {
      if (!env.has(name)) continue;
      const value = env.get(name).value;
      const mount = (c.volumeMounts ?? []).find((m) => value.startsWith(m.mountPath.replace(/\/$/, "") + "/"));
      assert.ok(mount, `${name}=${value} is not inside a volumeMount of ${service}`);
      const volume = pod.volumes.find((v) => v.name === mount.name);
      if (kind === "secret") {
        assert.ok(volume.secret, `${name} must be mounted from a Secret`);
        const secret = byKind("Secret", volume.secret.secretName);
        assert.ok(secret, `Secret ${volume.secret.secretName} exists`);
        const file = path.posix.relative(mount.mountPath, value);
        assert.ok(file in { ...(secret.data ?? {}), ...(secret.stringData ?? {}) }, `Secret ${secret.metadata.name} has no key ${file} for ${name}`);
      } else {
        assert.ok(volume.persistentVolumeClaim, `${name} must be on a PersistentVolumeClaim`);
        assert.ok(byKind("PersistentVolumeClaim", volume.persistentVolumeClaim.claimName), `PVC ${volume.persistentVolumeClaim.claimName} exists`);
        assert.notEqual(mount.readOnly, true, `${name}: the volume must be writable`);
      }
    }
    for (const name of req.hosts) {
      if (env.has(name)) assert.ok(k8sHosts.has(env.get(name).value), `${name}=${env.get(name).value} is no Service here, nor one an operator creates`);
    }
    for (const name of req.urls) {
      if (!env.has(name)) continue;
      const url = new URL(env.get(name).value);
      const svc = byKind("Service", url.hostname);
      assert.ok(svc, `${name}: ${url.hostname} is no Service`);
      assert.ok(svc.spec.ports.some((p) => String(p.port) === (url.port || "80")), `${name}: Service ${url.hostname} has no port ${url.port || 80}`);
    }
  });
}
