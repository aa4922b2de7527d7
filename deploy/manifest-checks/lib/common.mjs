// Shared helpers of the manifest checks: where things are, YAML loading, the settings the
// services read, and Compose-style variable interpolation.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
export const checksDir = path.resolve(here, "..");
export const repoRoot = process.env.KIEZWERK_ROOT
  ? path.resolve(process.env.KIEZWERK_ROOT)
  : path.resolve(checksDir, "../..");
export const composeDir = path.join(repoRoot, "deploy/compose");
export const k8sDir = path.join(repoRoot, "deploy/k8s");
export const SERVICES = ["partner-service", "event-service", "network-service", "gateway"];

/** Every *.yaml / *.yml file below dir (recursive), sorted. */
export function yamlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out.sort();
}

export const rel = (p) => path.relative(repoRoot, p);

/**
 * Parses every document of a YAML file strictly (duplicate keys, syntax errors and warnings are
 * errors) and returns their JS values (null documents dropped). `<<` merge keys are applied.
 */
export function loadYaml(file) {
  const text = fs.readFileSync(file, "utf8");
  const docs = YAML.parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: true });
  const problems = [];
  for (const d of docs) {
    for (const e of [...d.errors, ...d.warnings]) problems.push(e.message);
  }
  if (problems.length) throw new Error(`${rel(file)} does not parse:\n${problems.join("\n")}`);
  return docs.map((d) => d.toJS({ maxAliasCount: 1000 })).filter((v) => v !== null && v !== undefined);
}

/** Quarkus' environment-variable name of a property: non-alphanumerics become _, upper case. */
export const envName = (property) => property.replace(/[^A-Za-z0-9]/g, "_").toUpperCase();

/**
 * What a service reads from its application.properties: `placeholders` (env name -> property and
 * default) from every ${...} expression, and `keys` (env names of every property it sets).
 */
export function serviceSettings(service) {
  const file = path.join(repoRoot, service, "src/main/resources/application.properties");
  const placeholders = new Map();
  const keys = new Set();
  for (const raw of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("!")) continue;
    const m = line.match(/^([^=:\s]+)\s*[=:]\s*(.*)$/);
    if (!m) continue;
    keys.add(envName(m[1].replace(/^%[^.]+\./, "")));
    // a line only for non-production profiles (%test., %dev,test,local.) is never read in a deployment
    const profiles = m[1].match(/^%([^.]+)\./)?.[1].split(",");
    if (profiles && !profiles.includes("prod")) continue;
    for (const ph of m[2].matchAll(/\$\{([^}:]+)(?::([^}]*))?\}/g)) {
      placeholders.set(envName(ph[1]), { property: ph[1], default: ph[2] ?? null });
    }
  }
  return { file, placeholders, keys };
}

export function requiredSettings() {
  return loadYaml(path.join(checksDir, "required-settings.yaml"))[0];
}

/** The environment variables a deployment must set for a service: name -> reason. */
export function requiredEnv(service) {
  const req = requiredSettings();
  const { placeholders } = serviceSettings(service);
  const out = new Map();
  for (const [env, { property }] of placeholders) {
    out.set(env, `\${${property}} in ${service}/src/main/resources/application.properties`);
  }
  for (const env of Object.keys(req.everyService)) out.set(env, "required-settings.yaml everyService");
  for (const env of req.perService[service] ?? []) out.set(env, `required-settings.yaml perService.${service}`);
  return out;
}

/** Every variable a service may be given: required ones, the optional ones, its own properties. */
export function knownEnv(service) {
  const known = new Set(requiredEnv(service).keys());
  for (const env of requiredSettings().optional) known.add(env);
  for (const env of serviceSettings(service).keys) known.add(env);
  return known;
}

/** KEY=VALUE lines of a dotenv file. */
export function readDotenv(file) {
  const vars = new Map();
  for (const raw of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = line.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (!m) throw new Error(`${rel(file)}: not KEY=VALUE: ${raw}`);
    vars.set(m[1], m[2].replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1"));
  }
  return vars;
}

const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variables a Compose string refers to (names, with whether a default is given). */
export function referencedVariables(value, found = new Map()) {
  if (typeof value === "string") {
    for (const m of value.matchAll(INTERPOLATION)) {
      if (m[0] === "$$") continue;
      const name = m[1] ?? m[4];
      const hasDefault = m[2] === "-" || m[2] === ":-";
      if (!found.has(name) || !hasDefault) found.set(name, hasDefault);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v) => referencedVariables(v, found));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      referencedVariables(k, found);
      referencedVariables(v, found);
    }
  }
  return found;
}

/** Compose interpolation of every string (keys too) with the given variables, like `docker compose config`. */
export function interpolate(value, vars) {
  if (typeof value === "string") {
    return value.replace(INTERPOLATION, (all, braced, op, arg, bare) => {
      if (all === "$$") return "$";
      const name = braced ?? bare;
      const set = vars.has(name);
      const val = set ? vars.get(name) : undefined;
      if (op === ":-") return set && val !== "" ? val : arg;
      if (op === "-") return set ? val : arg;
      if (op === ":?" && (!set || val === "")) throw new Error(`variable ${name} is required: ${arg}`);
      if (op === "?" && !set) throw new Error(`variable ${name} is required: ${arg}`);
      if (op === ":+") return set && val !== "" ? arg : "";
      if (op === "+") return set ? arg : "";
      if (!set) throw new Error(`variable ${name} is not set`);
      return val;
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [interpolate(k, vars), interpolate(v, vars)]));
  }
  return value;
}

/** A Compose `environment` (map or list) as a Map. */
export function composeEnvironment(environment) {
  const env = new Map();
  if (Array.isArray(environment)) {
    for (const item of environment) {
      const i = String(item).indexOf("=");
      env.set(i < 0 ? String(item) : String(item).slice(0, i), i < 0 ? null : String(item).slice(i + 1));
    }
  } else if (environment) {
    for (const [k, v] of Object.entries(environment)) env.set(k, v === null ? null : String(v));
  }
  return env;
}
