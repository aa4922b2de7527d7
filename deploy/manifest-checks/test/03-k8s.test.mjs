// (b) every Kubernetes resource under deploy/k8s against the schema of its apiVersion/kind, plus
// what Kiezwerk needs of them: probes, resources, non-root, autoscaling, topics, databases.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { k8sDir, loadYaml, SERVICES, yamlFiles } from "../lib/common.mjs";
import { resources, label, validateResource, NOT_RESOURCES } from "../lib/k8s.mjs";

const all = resources();
const find = (kind, name) => all.map((r) => r.doc).find((d) => d.kind === kind && d.metadata?.name === name);
const ofKind = (kind) => all.map((r) => r.doc).filter((d) => d.kind === kind);

for (const r of all) {
  test(`k8s schema: ${label(r)}`, async () => {
    const problems = await validateResource(r);
    assert.deepEqual(problems, [], `${label(r)} is not valid`);
  });
}

test("kustomization.yaml lists every manifest (ingress.yaml is optional) and only existing files", () => {
  const k = loadYaml(path.join(k8sDir, "kustomization.yaml"))[0];
  assert.equal(k.kind, "Kustomization");
  for (const f of k.resources) assert.ok(fs.existsSync(path.join(k8sDir, f)), `${f} listed but missing`);
  const files = yamlFiles(k8sDir).map((f) => path.relative(k8sDir, f)).filter((f) => !NOT_RESOURCES.has(path.basename(f)) && f !== "ingress.yaml");
  for (const f of files) assert.ok(k.resources.includes(f), `${f} is not in kustomization.yaml`);
});

test("no duplicate resources", () => {
  const seen = new Set();
  for (const { doc } of all) {
    const key = `${doc.apiVersion} ${doc.kind} ${doc.metadata.namespace ?? ""}/${doc.metadata.name}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
});

test("every Secret is a marked placeholder (no real secret in git)", () => {
  for (const s of ofKind("Secret")) {
    assert.equal(s.metadata.annotations?.["kiezwerk.org/placeholder"], "true", `${s.metadata.name}: annotation kiezwerk.org/placeholder`);
    assert.equal(s.data, undefined, `${s.metadata.name}: only stringData placeholders, no data`);
    for (const [key, value] of Object.entries(s.stringData ?? {})) {
      if (key !== "username") assert.match(String(value), /CHANGE-ME/, `${s.metadata.name}.${key} is not a CHANGE-ME placeholder`);
    }
  }
  const neo4j = find("Secret", "kiezwerk-neo4j-auth");
  assert.equal(neo4j.stringData.NEO4J_AUTH, `neo4j/${neo4j.stringData.password}`, "NEO4J_AUTH and password must agree");
});

for (const service of SERVICES) {
  test(`k8s: ${service} has a Deployment with probes, resources and a non-root security context`, () => {
    const d = find("Deployment", service);
    assert.ok(d, `Deployment ${service}`);
    const pod = d.spec.template.spec;
    assert.equal(pod.containers.length, 1);
    const c = pod.containers[0];
    assert.match(c.image, new RegExp(`^kiezwerk/${service}:`));
    const port = c.ports.find((p) => p.containerPort === 8080);
    assert.ok(port, "container port 8080");
    const probePort = (probe) => probe.httpGet.port === port.name || probe.httpGet.port === 8080;
    assert.equal(c.readinessProbe?.httpGet?.path, "/q/health/ready");
    assert.equal(c.livenessProbe?.httpGet?.path, "/q/health/live");
    assert.ok(probePort(c.readinessProbe) && probePort(c.livenessProbe), "probes on the HTTP port");
    for (const kind of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) assert.ok(c.resources?.[kind]?.[r], `resources.${kind}.${r}`);
    }
    const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    assert.equal(nonRoot, true, "runAsNonRoot");
    const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    assert.ok(uid === undefined || uid > 0, "runAsUser is not 0");
    assert.equal(c.securityContext?.allowPrivilegeEscalation, false, "allowPrivilegeEscalation: false");
    assert.deepEqual(c.securityContext?.capabilities?.drop, ["ALL"], "capabilities drop ALL");
    assert.deepEqual(d.spec.selector.matchLabels, Object.fromEntries(Object.entries(d.spec.template.metadata.labels).filter(([k]) => k in d.spec.selector.matchLabels)), "selector matches the pod labels");
  });

  test(`k8s: ${service} has a Service, a HorizontalPodAutoscaler (autoscaling/v2) and a ConfigMap`, () => {
    const d = find("Deployment", service);
    const svc = find("Service", service);
    assert.ok(svc, `Service ${service}`);
    for (const [k, v] of Object.entries(svc.spec.selector)) assert.equal(d.spec.template.metadata.labels[k], v, "Service selects the pods");
    assert.ok(svc.spec.ports.some((p) => p.targetPort === "http" || p.targetPort === 8080));
    const hpa = find("HorizontalPodAutoscaler", service);
    assert.ok(hpa && hpa.apiVersion === "autoscaling/v2", "HPA autoscaling/v2");
    assert.deepEqual([hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name], ["Deployment", service]);
    assert.ok(hpa.spec.minReplicas >= 2, "at least two replicas");
    assert.equal(d.spec.replicas, undefined, "the HPA, not the Deployment, owns the replica count");
    assert.ok(find("ConfigMap", service), `ConfigMap ${service}`);
  });
}

test("Strimzi: a three-node KRaft Kafka with node pools", () => {
  const kafka = ofKind("Kafka");
  assert.equal(kafka.length, 1);
  const pools = ofKind("KafkaNodePool").filter((p) => p.metadata.labels["strimzi.io/cluster"] === kafka[0].metadata.name);
  const count = (role) => pools.filter((p) => p.spec.roles.includes(role)).reduce((n, p) => n + p.spec.replicas, 0);
  assert.equal(count("broker"), 3, "three brokers");
  assert.ok(count("controller") >= 3 && count("controller") % 2 === 1, "an odd number (≥3) of KRaft controllers");
  const config = kafka[0].spec.kafka.config;
  assert.equal(Number(config["min.insync.replicas"]), 2);
  assert.equal(Number(config["default.replication.factor"]), 3);
});

test("Strimzi: the topics (aggregates compacted, 6 partitions, 3 replicas, min.insync 2; dead letters not compacted)", () => {
  const kafka = ofKind("Kafka")[0].metadata.name;
  const topics = new Map(ofKind("KafkaTopic").map((t) => [t.spec.topicName ?? t.metadata.name, t]));
  for (const name of ["kiezwerk.partners.v1", "kiezwerk.events.v1", "kiezwerk.ties.v1"]) {
    const t = topics.get(name);
    assert.ok(t, `KafkaTopic ${name}`);
    assert.equal(t.metadata.labels["strimzi.io/cluster"], kafka);
    assert.equal(t.spec.partitions, 6);
    assert.equal(t.spec.replicas, 3);
    assert.equal(t.spec.config["cleanup.policy"], "compact");
    assert.equal(Number(t.spec.config["min.insync.replicas"]), 2);
    if (name === "kiezwerk.ties.v1") continue; // no consumer dead-letters ties
    const dlq = topics.get(`${name}.dlq`);
    assert.ok(dlq, `KafkaTopic ${name}.dlq`);
    assert.equal(dlq.metadata.labels["strimzi.io/cluster"], kafka);
    assert.ok(!String(dlq.spec.config?.["cleanup.policy"] ?? "delete").includes("compact"), `${name}.dlq not compacted`);
    assert.equal(dlq.spec.replicas, 3);
  }
  // what the broker refused the outbox connectors for good (ParkedRecords): kept, like dead letters
  const parked = topics.get("kiezwerk.outbox.parked");
  assert.ok(parked, "KafkaTopic kiezwerk.outbox.parked");
  assert.equal(parked.metadata.labels["strimzi.io/cluster"], kafka);
  assert.equal(parked.spec.partitions, 6);
  assert.equal(parked.spec.replicas, 3);
  assert.equal(Number(parked.spec.config["min.insync.replicas"]), 2);
  assert.ok(!String(parked.spec.config?.["cleanup.policy"] ?? "delete").includes("compact"), "kiezwerk.outbox.parked not compacted");
});

// ---------------------------------------------------------------- the outbox connectors
const OUTBOX_DATABASES = { partner: "partner-service", event: "event-service" };
const kustomizeNamespace = loadYaml(path.join(k8sDir, "kustomization.yaml"))[0].namespace;

test("Strimzi: a KafkaConnect for the outbox connectors (the outbox-connect image, this Kafka, replicated topics, non-root)", () => {
  const connects = ofKind("KafkaConnect");
  assert.equal(connects.length, 1);
  const c = connects[0];
  const kafka = ofKind("Kafka")[0];
  assert.equal(c.metadata.annotations?.["strimzi.io/use-connector-resources"], "true", "connectors are KafkaConnector resources");
  assert.match(c.spec.image, /^kiezwerk\/outbox-connect:/);
  const plain = kafka.spec.kafka.listeners.find((l) => l.tls === false);
  assert.equal(c.spec.bootstrapServers, `${kafka.metadata.name}-kafka-bootstrap:${plain.port}`);
  assert.ok(c.spec.replicas >= 2, "a second worker takes the tasks over");
  for (const t of ["config", "offset", "status"]) {
    assert.equal(Number(c.spec.config[`${t}.storage.replication.factor`]), 3, `${t}.storage.replication.factor`);
  }
  assert.equal(c.spec.config["connector.client.config.override.policy"], "All", "connectors may set producer.override.*");
  for (const kind of ["requests", "limits"]) {
    for (const r of ["cpu", "memory"]) assert.ok(c.spec.resources?.[kind]?.[r], `resources.${kind}.${r}`);
  }
  assert.equal(c.spec.template?.pod?.securityContext?.runAsNonRoot, true, "runAsNonRoot");
  const sc = c.spec.template?.connectContainer?.securityContext;
  assert.equal(sc?.allowPrivilegeEscalation, false, "allowPrivilegeEscalation: false");
  assert.deepEqual(sc?.capabilities?.drop, ["ALL"], "capabilities drop ALL");
  const metrics = c.spec.metricsConfig?.valueFrom?.configMapKeyRef;
  assert.ok(metrics && find("ConfigMap", metrics.name)?.data?.[metrics.key], "the JMX exporter rules exist");
  assert.match(find("ConfigMap", metrics.name).data[metrics.key], /task-error|\(\.\+\)-metrics/, "the rules cover the task error metrics");
});

test("Strimzi: one KafkaConnector per service database, in the KafkaConnect, reading the service's database", () => {
  const connectors = ofKind("KafkaConnector");
  assert.deepEqual(connectors.map((k) => k.metadata.name).sort(), Object.keys(OUTBOX_DATABASES).map((d) => `${d}-outbox`).sort());
  const connect = ofKind("KafkaConnect")[0];
  const cluster = ofKind("Cluster")[0];
  for (const k of connectors) {
    const db = k.spec.config["database.dbname"];
    assert.equal(k.metadata.name, `${db}-outbox`);
    assert.equal(k.metadata.labels["strimzi.io/cluster"], connect.metadata.name, `${k.metadata.name} runs in ${connect.metadata.name}`);
    assert.equal(k.spec.tasksMax, 1, "one task: a replication slot has one reader");
    assert.equal(k.spec.config["slot.name"], `${db}_outbox`);
    assert.equal(k.spec.config["database.hostname"], `${cluster.metadata.name}-rw`, "the primary");
    assert.ok(ofKind("Database").some((d) => d.spec.name === db), `Database ${db} exists`);
  }
});

test("Strimzi: the connectors' secrets come through the config provider, which may read just those Secrets", () => {
  const connect = ofKind("KafkaConnect")[0];
  const providers = String(connect.spec.config["config.providers"] ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  for (const p of providers) assert.ok(connect.spec.config[`config.providers.${p}.class`], `config.providers.${p}.class`);
  const role = ofKind("Role").find((r) => all.some(({ doc }) => doc.kind === "RoleBinding" && doc.roleRef.name === r.metadata.name
    && doc.subjects.some((s) => s.kind === "ServiceAccount" && s.name === `${connect.metadata.name}-connect`)));
  for (const k of ofKind("KafkaConnector")) {
    const password = k.spec.config["database.password"];
    const m = /^\$\{(\w+):([^/:]+)\/([^:]+):([^}]+)\}$/.exec(password);
    assert.ok(m, `${k.metadata.name}: database.password is a \${provider:namespace/secret:key} reference, not a value`);
    const [, provider, namespace, secret, key] = m;
    assert.ok(providers.includes(provider), `${k.metadata.name}: provider ${provider} is configured`);
    assert.equal(connect.spec.config[`config.providers.${provider}.class`], "io.strimzi.kafka.KubernetesSecretConfigProvider");
    assert.equal(namespace, kustomizeNamespace, `${k.metadata.name}: the Secret's namespace is the deployment's`);
    assert.ok(key in (find("Secret", secret)?.stringData ?? {}), `${k.metadata.name}: Secret ${secret} has ${key}`);
    assert.ok(role, `a Role bound to the service account ${connect.metadata.name}-connect`);
    assert.ok(role.rules.some((r) => r.resources.includes("secrets") && r.verbs.includes("get") && (r.resourceNames ?? []).includes(secret)),
      `the workers may get Secret ${secret}`);
  }
});

test("CloudNativePG: wal_level=logical, and the roles the outbox connectors connect as may replicate", () => {
  const cluster = ofKind("Cluster")[0];
  assert.equal(cluster.spec.postgresql.parameters.wal_level, "logical");
  for (const k of ofKind("KafkaConnector")) {
    const user = k.spec.config["database.user"];
    const role = (cluster.spec.managed?.roles ?? []).find((r) => r.name === user);
    assert.ok(role?.replication === true && role.login === true, `managed role ${user} with login and replication`);
  }
});

for (const [db, service] of Object.entries(OUTBOX_DATABASES)) {
  test(`k8s: ${service} starts only once its database has the outbox's publication and slot (init container)`, () => {
    const pod = find("Deployment", service).spec.template.spec;
    const init = (pod.initContainers ?? []).find((c) => c.name === "outbox-slot");
    assert.ok(init, "initContainer outbox-slot");
    const env = Object.fromEntries(init.env.map((e) => [e.name, e]));
    const fromConfigMap = (name) => find("ConfigMap", env[name].valueFrom.configMapKeyRef.name).data[env[name].valueFrom.configMapKeyRef.key];
    assert.equal(fromConfigMap("PGDATABASE"), db);
    assert.equal(fromConfigMap("PGHOST"), `${ofKind("Cluster")[0].metadata.name}-rw`);
    const connector = find("KafkaConnector", `${db}-outbox`);
    assert.equal(fromConfigMap("PGUSER"), connector.spec.config["database.user"], "the role the connector uses (it may replicate)");
    const secret = env.PGPASSWORD.valueFrom.secretKeyRef;
    assert.ok(secret.key in (find("Secret", secret.name)?.stringData ?? {}), `Secret ${secret.name} has ${secret.key}`);
    for (const kind of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) assert.ok(init.resources?.[kind]?.[r], `resources.${kind}.${r}`);
    }
    assert.equal(init.securityContext?.allowPrivilegeEscalation, false);
    assert.deepEqual(init.securityContext?.capabilities?.drop, ["ALL"]);
    assert.ok((init.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) === true && init.securityContext?.runAsUser !== 0);
    // the script it runs is mounted from a ConfigMap that has it
    const script = init.command.at(-1);
    const mount = init.volumeMounts.find((m) => script.startsWith(m.mountPath + "/"));
    const volume = pod.volumes.find((v) => v.name === mount?.name);
    const text = find("ConfigMap", volume?.configMap?.name)?.data?.[path.posix.relative(mount.mountPath, script)];
    assert.ok(text, `${script} is in a mounted ConfigMap`);
    assert.match(text, /CREATE PUBLICATION kiezwerk_outbox/);
    assert.match(text, /pg_create_logical_replication_slot/);
  });
}

test("CloudNativePG: a three-instance cluster with the databases partner, event and gateway", () => {
  const clusters = ofKind("Cluster");
  assert.equal(clusters.length, 1);
  assert.equal(clusters[0].spec.instances, 3);
  assert.match(clusters[0].spec.imageName, /postgresql:16/);
  const dbs = new Map(ofKind("Database").map((d) => [d.spec.name, d]));
  for (const [db, secret] of [["partner", "kiezwerk-pg-partner"], ["event", "kiezwerk-pg-event"], ["gateway", "kiezwerk-pg-gateway"]]) {
    assert.ok(dbs.get(db), `Database ${db}`);
    assert.equal(dbs.get(db).spec.cluster.name, clusters[0].metadata.name);
    const owner = dbs.get(db).spec.owner;
    const roles = [clusters[0].spec.bootstrap?.initdb?.owner, ...(clusters[0].spec.managed?.roles ?? []).map((r) => r.name)];
    assert.ok(roles.includes(owner), `the owner ${owner} of ${db} is a role of the cluster`);
    assert.equal(find("Secret", secret)?.stringData?.username, owner, `Secret ${secret} is the owner's`);
  }
});

test("neo4j-values.yaml: Neo4j community, password from the Secret", () => {
  const v = loadYaml(path.join(k8sDir, "neo4j-values.yaml"))[0];
  assert.equal(v.neo4j.edition, "community");
  const secret = find("Secret", v.neo4j.passwordFromSecret);
  assert.ok(secret?.stringData?.NEO4J_AUTH, "the Secret named by passwordFromSecret has NEO4J_AUTH");
});

test("the optional Ingress routes to the gateway Service", () => {
  const ing = loadYaml(path.join(k8sDir, "ingress.yaml"))[0];
  const backends = ing.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name));
  assert.deepEqual([...new Set(backends)], ["gateway"]);
});
