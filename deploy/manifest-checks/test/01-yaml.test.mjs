// (a) every YAML file of the deployment parses, strictly (no duplicate keys, no warnings).
import { test } from "node:test";
import assert from "node:assert/strict";
import { composeDir, k8sDir, yamlFiles, loadYaml, rel } from "../lib/common.mjs";

const files = [...yamlFiles(composeDir), ...yamlFiles(k8sDir)];

test("there are YAML files to check", () => {
  assert.ok(files.some((f) => f.endsWith("compose/compose.yaml")), "deploy/compose/compose.yaml is missing");
  assert.ok(files.some((f) => f.endsWith("k8s/kustomization.yaml")), "deploy/k8s/kustomization.yaml is missing");
});

for (const file of files) {
  test(`${rel(file)} parses`, () => {
    const docs = loadYaml(file);
    assert.ok(docs.length > 0, "no document in the file");
    for (const doc of docs) assert.equal(typeof doc, "object", "a document is not a mapping");
  });
}
