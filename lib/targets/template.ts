import { TargetError } from "./types";

/** What a template may reference: `{{input}}`, `{{input.a.b}}`, `{{messages}}`, `{{secrets.NAME}}`. */
export type TemplateVars = {
  input: unknown;
  messages: unknown;
  secrets: Readonly<Record<string, string>>;
};

type Ref = { root: "input" | "messages"; path: string[] } | { root: "secrets"; name: string };
type Part = string | Ref;

/** A template parsed once: rendering walks this tree instead of re-scanning strings. */
export type CompiledTemplate =
  | { kind: "literal"; value: unknown }
  | { kind: "ref"; ref: Ref }
  | { kind: "string"; parts: Part[] }
  | { kind: "array"; items: CompiledTemplate[] }
  | { kind: "object"; keys: string[]; values: CompiledTemplate[] };

// Only these roots are placeholders; any other `{{...}}` (an agent's own templating) stays as written.
const PLACEHOLDER = /\{\{\s*(input|messages|secrets)((?:\.[^.{}\s]+)*)\s*\}\}/g;
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function parseRef(root: string, rest: string): Ref | null {
  const path = rest ? rest.slice(1).split(".") : [];
  if (root === "secrets") {
    // `{{secrets}}` alone must never expand to every secret.
    return path.length === 1 && SECRET_NAME.test(path[0])
      ? { root: "secrets", name: path[0] }
      : null;
  }
  return { root: root as "input" | "messages", path };
}

function compileString(text: string): CompiledTemplate {
  if (!text.includes("{{")) return { kind: "literal", value: text };
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const ref = parseRef(match[1], match[2]);
    if (!ref) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(ref);
    last = match.index + match[0].length;
  }
  if (last === 0 && parts.length === 0) return { kind: "literal", value: text };
  if (last < text.length) parts.push(text.slice(last));
  if (parts.length === 1 && typeof parts[0] !== "string") return { kind: "ref", ref: parts[0] };
  return { kind: "string", parts };
}

/** Parse a JSON template once; subtrees without placeholders are kept as literals. */
export function compileTemplate(template: unknown): CompiledTemplate {
  if (typeof template === "string") return compileString(template);
  if (Array.isArray(template)) {
    const items = template.map(compileTemplate);
    return items.every((item) => item.kind === "literal")
      ? { kind: "literal", value: template }
      : { kind: "array", items };
  }
  if (template !== null && typeof template === "object") {
    const keys = Object.keys(template);
    const values = keys.map((key) => compileTemplate((template as Record<string, unknown>)[key]));
    return values.every((value) => value.kind === "literal")
      ? { kind: "literal", value: template }
      : { kind: "object", keys, values };
  }
  return { kind: "literal", value: template };
}

/** Names of the secrets a compiled template references (to check and to scrub). */
export function secretNames(
  compiled: CompiledTemplate,
  into: Set<string> = new Set(),
): Set<string> {
  switch (compiled.kind) {
    case "ref":
      if (compiled.ref.root === "secrets") into.add(compiled.ref.name);
      break;
    case "string":
      for (const part of compiled.parts) {
        if (typeof part !== "string" && part.root === "secrets") into.add(part.name);
      }
      break;
    case "array":
      for (const item of compiled.items) secretNames(item, into);
      break;
    case "object":
      for (const value of compiled.values) secretNames(value, into);
      break;
  }
  return into;
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      current = Number.isInteger(index) && index >= 0 ? current[index] : undefined;
    } else if (current !== null && typeof current === "object" && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

export function secretValue(secrets: TemplateVars["secrets"], name: string): string {
  const value = Object.hasOwn(secrets, name) ? secrets[name] : undefined;
  if (value === undefined) {
    throw new TargetError("missing_secret", `secret "${name}" is not defined in this project`);
  }
  return value;
}

function resolve(ref: Ref, vars: TemplateVars): unknown {
  if (ref.root === "secrets") return secretValue(vars.secrets, ref.name);
  const value = lookup(ref.root === "input" ? vars.input : vars.messages, ref.path);
  // A missing field renders as null (raw) or "" (embedded) rather than vanishing from the body.
  return value === undefined ? null : value;
}

/** Text of a value inside a string: strings as-is, anything else as JSON. */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return JSON.stringify(value) ?? "";
}

/**
 * Render a compiled template. `encodeData` escapes input/messages text inside strings
 * (URL components); secrets are inserted verbatim.
 */
export function render(
  compiled: CompiledTemplate,
  vars: TemplateVars,
  encodeData?: (text: string) => string,
): unknown {
  switch (compiled.kind) {
    case "literal":
      return compiled.value;
    case "ref":
      return encodeData
        ? renderParts([compiled.ref], vars, encodeData)
        : resolve(compiled.ref, vars);
    case "string":
      return renderParts(compiled.parts, vars, encodeData);
    case "array":
      return compiled.items.map((item) => render(item, vars, encodeData));
    case "object": {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < compiled.keys.length; i++) {
        out[compiled.keys[i]] = render(compiled.values[i], vars, encodeData);
      }
      return out;
    }
  }
}

function renderParts(
  parts: readonly Part[],
  vars: TemplateVars,
  encodeData?: (text: string) => string,
): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") out += part;
    else if (part.root === "secrets") out += secretValue(vars.secrets, part.name);
    else out += encodeData ? encodeData(textOf(resolve(part, vars))) : textOf(resolve(part, vars));
  }
  return out;
}

const objectCache = new WeakMap<object, CompiledTemplate>();
const stringCache = new Map<string, CompiledTemplate>();
const STRING_CACHE_LIMIT = 1000;

/** Compile with a cache: per object identity (WeakMap) or per string (bounded map). */
export function compileCached(template: unknown): CompiledTemplate {
  if (typeof template === "string") {
    let compiled = stringCache.get(template);
    if (!compiled) {
      if (stringCache.size >= STRING_CACHE_LIMIT) stringCache.clear();
      compiled = compileString(template);
      stringCache.set(template, compiled);
    }
    return compiled;
  }
  if (template !== null && typeof template === "object") {
    let compiled = objectCache.get(template);
    if (!compiled) {
      compiled = compileTemplate(template);
      objectCache.set(template, compiled);
    }
    return compiled;
  }
  return { kind: "literal", value: template };
}

/**
 * Render a JSON template: every string in it is templated. A string that is exactly one
 * placeholder becomes the raw value; embedded placeholders become text. Literal parts are
 * returned by reference, not copied. Throws TargetError("missing_secret").
 */
export function renderTemplate(template: unknown, vars: TemplateVars): unknown {
  return render(compileCached(template), vars);
}

/** Render a string template to text (raw values are JSON-serialised). */
export function renderString(template: string, vars: TemplateVars): string {
  return textOf(render(compileCached(template), vars));
}
