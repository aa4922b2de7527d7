// Loading the Kubernetes manifests and validating them: built-in kinds against the Kubernetes
// OpenAPI schemas shipped by kubernetes-models, the operators' kinds against crd-schemas/.
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { checksDir, k8sDir, yamlFiles, loadYaml, rel } from "./common.mjs";

// not Kubernetes resources: Helm values for the Neo4j chart, kustomize's own file
export const NOT_RESOURCES = new Set(["neo4j-values.yaml", "kustomization.yaml"]);

/** Every resource of every manifest under deploy/k8s: { file, index, doc }. */
export function resources() {
  const out = [];
  for (const file of yamlFiles(k8sDir)) {
    if (NOT_RESOURCES.has(path.basename(file))) continue;
    loadYaml(file).forEach((doc, index) => out.push({ file, index, doc }));
  }
  return out;
}

export const label = ({ file, index, doc }) =>
  `${rel(file)}#${index + 1} ${doc?.kind ?? "?"}/${doc?.metadata?.name ?? "?"}`;

let crdSchemas;
function crdSchema(apiVersion, kind) {
  if (!crdSchemas) {
    crdSchemas = new Map();
    const dir = path.join(checksDir, "crd-schemas");
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
      for (const [key, schema] of Object.entries(loadYaml(path.join(dir, f))[0])) {
        crdSchemas.set(key, ajv.compile(schema));
      }
    }
  }
  return crdSchemas.get(`${apiVersion} ${kind}`);
}

/** The kubernetes-models module of a built-in apiVersion/kind, or null. */
async function builtInModel(apiVersion, kind) {
  if (!/^[A-Za-z0-9.]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return null;
  try {
    const mod = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return mod[kind] ?? null;
  } catch (e) {
    if (e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || e.code === "ERR_MODULE_NOT_FOUND") return null;
    throw e;
  }
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Validates one resource; returns a list of problems (empty: valid). */
export async function validateResource({ doc }) {
  const problems = [];
  if (!doc?.apiVersion || !doc?.kind) return ["no apiVersion/kind"];
  const name = doc.metadata?.name;
  if (!name || name.length > 253 || !NAME.test(name)) problems.push(`metadata.name ${JSON.stringify(name)} is not a DNS subdomain name`);
  const Model = await builtInModel(doc.apiVersion, doc.kind);
  if (Model) {
    try {
      new Model(doc).validate();
    } catch (e) {
      problems.push(e.message);
    }
    return problems;
  }
  const validate = crdSchema(doc.apiVersion, doc.kind);
  if (!validate) return [...problems, `no schema for ${doc.apiVersion} ${doc.kind}: neither a Kubernetes kind known to kubernetes-models nor in crd-schemas/`];
  if (!validate(doc)) problems.push(...validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${e.params ? JSON.stringify(e.params) : ""}`));
  return problems;
}
