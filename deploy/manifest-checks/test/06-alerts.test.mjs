// deploy/monitoring/kiezwerk-alerts.yaml: a valid Prometheus rule file whose PromQL parses (the
// grammar Prometheus' own UI uses) and whose series are the ones docs/operators.md documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
import { loadYaml, repoRoot } from "../lib/common.mjs";

const file = path.join(repoRoot, "deploy/monitoring/kiezwerk-alerts.yaml");
const [rules] = loadYaml(file);
const operators = fs.readFileSync(path.join(repoRoot, "docs/operators.md"), "utf8");
const all = rules.groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, ...r })));

/** The metric names a PromQL expression selects, and whether it parsed without errors. */
function analyse(expr) {
  const tree = parser.parse(expr);
  const metrics = new Set();
  let broken = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) broken = true;
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector") metrics.add(expr.slice(node.from, node.to));
    },
  });
  return { broken, metrics };
}

test("the rule file has named groups of alerts, each with a unique name", () => {
  assert.ok(Array.isArray(rules.groups) && rules.groups.length > 0);
  for (const group of rules.groups) {
    assert.match(group.name, /^[a-z0-9-]+$/);
    assert.ok(group.rules.length > 0, `${group.name} has rules`);
  }
  const names = all.map((r) => r.alert);
  assert.equal(new Set(names).size, names.length, "alert names are unique");
});

for (const rule of all) {
  test(`alert ${rule.alert}: its PromQL parses, its series are documented, it says what to do`, () => {
    assert.match(rule.alert, /^Kiezwerk[A-Za-z]+$/);
    assert.deepEqual(Object.keys(rule).filter((k) => !["group", "alert", "expr", "for", "labels", "annotations"].includes(k)), [],
      "only the fields Prometheus knows");
    const { broken, metrics } = analyse(String(rule.expr));
    assert.ok(!broken, `PromQL does not parse: ${rule.expr}`);
    assert.ok(metrics.size > 0, "selects at least one series");
    for (const metric of metrics) {
      if (metric === "up") continue; // Prometheus' own
      // documented by the base name a Micrometer timer or counter is listed under
      const base = metric.replace(/_(sum|count|max|bucket|total)$/, "");
      assert.ok(operators.includes(base), `${metric} (${base}) is in docs/operators.md's metrics`);
    }
    if (rule.for !== undefined) assert.match(String(rule.for), /^\d+[smh]$/);
    assert.ok(["critical", "warning", "info"].includes(rule.labels?.severity), "severity critical, warning or info");
    assert.ok(rule.annotations?.summary, "a summary");
    const runbook = String(rule.annotations?.runbook ?? "");
    const [doc, anchor] = runbook.split("#");
    assert.ok(fs.existsSync(path.join(repoRoot, doc)), `runbook ${runbook} exists`);
    if (anchor) {
      const headings = fs.readFileSync(path.join(repoRoot, doc), "utf8").split("\n").filter((l) => l.startsWith("#"))
        .map((l) => l.replace(/^#+\s*/, "").toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").trim().replace(/\s+/g, "-"));
      assert.ok(headings.includes(anchor), `runbook anchor #${anchor} is a heading of ${doc}`);
    }
  });
}

test("an expression that does not parse is caught", () => {
  assert.ok(analyse("sum(rate(kiezwerk_dead_letters_total[10m])").broken);
});
