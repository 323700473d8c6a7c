import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "./document";

type Doc = ReturnType<typeof buildOpenApiDocument>;
type MediaTypes = Record<string, { schema?: { $ref?: string } }>;
type ResponseObject = { content?: MediaTypes };

const DOC_ID = "https://assay.dev/openapi.json";

/**
 * Holds real responses to the OpenAPI document (in its strict form: no undocumented properties):
 * the status must be documented for the operation, the content type must be one it lists, and the
 * JSON body must validate against its schema. Returns the problems found (empty = conforms).
 */
export function responseChecker() {
  const doc: Doc = buildOpenApiDocument({ strictResponses: true });
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: doc.components.schemas } });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (ref: string) => {
    if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: `${DOC_ID}${ref}` }));
    return validators.get(ref)!;
  };

  const templates = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    dynamic: (template.match(/\{/g) ?? []).length,
  }));
  /** The documented path template a concrete path falls under (static segments first). */
  const templateOf = (path: string) =>
    templates
      .filter((t) => t.pattern.test(path.split("?")[0]))
      .sort((a, b) => a.dynamic - b.dynamic)[0]?.template ?? path;

  /** Problems of `value` against a named component schema (e.g. one SSE frame). */
  const checkSchema = (name: string, value: unknown): string[] => {
    const validate = validatorFor(`#/components/schemas/${name}`);
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${name}: ${e.instancePath || "(value)"} ${e.message}`);
  };

  return Object.assign(
    function check(
      method: string,
      pathOrTemplate: string,
      res: { status: number; headers: Headers; body: unknown },
    ): string[] {
      const path = pathOrTemplate.includes("{") ? pathOrTemplate : templateOf(pathOrTemplate);
      const operation = (
        doc.paths as Record<string, Record<string, { responses: Record<string, ResponseObject> }>>
      )[path]?.[method.toLowerCase()];
      if (!operation) return [`${method} ${path} is not documented`];
      const documented = operation.responses[String(res.status)];
      if (!documented) return [`${method} ${path} answered ${res.status}, which is not documented`];
      const contentType = (res.headers.get("content-type") ?? "").split(";")[0].trim();
      const media = documented.content ?? {};
      if (Object.keys(media).length === 0) return [];
      const entry = media[contentType] ?? media["application/octet-stream"];
      if (!entry)
        return [
          `${method} ${path} ${res.status}: content-type ${contentType} is not one of ${Object.keys(media).join(", ")}`,
        ];
      if (!contentType.endsWith("json") || !entry.schema?.$ref) return [];
      const validate = validatorFor(entry.schema.$ref);
      if (validate(res.body)) return [];
      return (validate.errors ?? []).map(
        (e) =>
          `${method} ${path} ${res.status}: ${e.instancePath || "(body)"} ${e.message} ${JSON.stringify(e.params)}`,
      );
    },
    { schema: checkSchema },
  );
}
