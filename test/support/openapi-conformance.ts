import type { OpenAPIObject } from '@nestjs/swagger';

// Checks real answers against the service's OpenAPI document: the status must be one the operation
// lists, and a JSON body must match its schema. Only the parts of OpenAPI 3.0 the document uses are
// understood ($ref, allOf, oneOf, nullable, type, enum, format date-time/uuid, properties, required,
// additionalProperties, items); anything else fails loudly rather than passing unchecked. Stricter than
// OpenAPI on one point: a property the schema does not declare is an error unless additionalProperties
// says otherwise, so an undocumented field in an answer is caught.

type Schema = Record<string, unknown>;
const KNOWN = new Set(['$ref', 'allOf', 'oneOf', 'discriminator', 'nullable', 'type', 'enum', 'format', 'properties', 'required', 'additionalProperties', 'items', 'description', 'example', 'default', 'minimum', 'maximum', 'title']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function schemaProblems(doc: OpenAPIObject, schema: Schema, value: unknown, at = '$'): string[] {
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k) && !k.startsWith('x-'));
  if (unknown.length) return [`${at}: the checker does not understand ${unknown.join(', ')}`];
  if (schema.$ref) return schemaProblems(doc, resolve(doc, schema.$ref as string), value, at);
  if (value === null) return schema.nullable ? [] : [`${at}: null, but not nullable`];
  if (schema.allOf) return (schema.allOf as Schema[]).flatMap((s) => schemaProblems(doc, s, value, at));
  if (schema.oneOf) {
    const fits = (schema.oneOf as Schema[]).filter((s) => schemaProblems(doc, s, value, at).length === 0);
    return fits.length === 1 ? [] : [`${at}: matches ${fits.length} of the oneOf schemas, not one: ${JSON.stringify(value)?.slice(0, 120)}`];
  }
  const problems: string[] = [];
  const type = schema.type as string | undefined;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (type && !(type === actual || (type === 'number' && actual === 'integer'))) return [`${at}: ${actual} ${JSON.stringify(value)?.slice(0, 80)}, expected ${type}`];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.format === 'date-time' && !(typeof value === 'string' && ISO_INSTANT.test(value))) problems.push(`${at}: ${JSON.stringify(value)} is not a date-time`);
  if (schema.format === 'uuid' && !(typeof value === 'string' && UUID.test(value))) problems.push(`${at}: ${JSON.stringify(value)} is not a uuid`);
  if (actual === 'array' && schema.items) (value as unknown[]).forEach((v, i) => problems.push(...schemaProblems(doc, schema.items as Schema, v, `${at}[${i}]`)));
  if (actual === 'object' && (type === 'object' || schema.properties)) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) problems.push(`${at}.${r}: required, absent`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) problems.push(...schemaProblems(doc, props[k], v, `${at}.${k}`));
      else if (typeof schema.additionalProperties === 'object') problems.push(...schemaProblems(doc, schema.additionalProperties as Schema, v, `${at}.${k}`));
      else if (schema.additionalProperties !== true) problems.push(`${at}.${k}: not in the schema`);
    }
  }
  return problems;
}

function resolve(doc: OpenAPIObject, ref: string): Schema {
  const name = ref.replace('#/components/schemas/', '');
  const s = doc.components?.schemas?.[name];
  if (!s) throw new Error(`no schema ${ref}`);
  return s as Schema;
}

/**
 * What is wrong with one answer of `method path` (the path as the document writes it, /tasks/{id}):
 * a status the operation does not list, or a body that does not fit the listed schema.
 */
export function answerProblems(doc: OpenAPIObject, method: string, path: string, res: { status: number; body: unknown; text?: string; headers: Record<string, string> }): string[] {
  const op = (doc.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }> | undefined)?.[method.toLowerCase()];
  const name = `${method.toUpperCase()} ${path} → ${res.status}`;
  if (!op) return [`${name}: no such operation in the document`];
  const listed = op.responses[String(res.status)];
  if (!listed) return [`${name}: status not listed (listed: ${Object.keys(op.responses).join(', ')}); body ${JSON.stringify(res.body)?.slice(0, 200)}`];
  const type = (res.headers['content-type'] ?? '').split(';')[0];
  const content = listed.content?.[type];
  if (!listed.content) return res.status === 204 ? [] : [`${name}: the document gives no content for it`];
  if (!content) return [`${name}: answered ${type}, the document lists ${Object.keys(listed.content).join(', ')}`];
  if (content.schema.type === 'string') return [];
  // A JSON body under another type (text/plain) is still checked against its schema.
  const body = type === 'application/json' ? res.body : JSON.parse(res.text ?? 'null');
  return schemaProblems(doc, content.schema, body).map((p) => `${name}: ${p}`);
}
