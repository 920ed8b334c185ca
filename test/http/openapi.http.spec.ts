import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { documentJson, OPENAPI_JSON, previewDocument, SCHEMA_TYPES, schemaTypes, sortKeys } from '../../scripts/openapi-files.js';
import { startApp, type TestApp } from '../support/test-app.js';

// The console is typed from web/src/api/openapi.json; this keeps that file equal to what the service
// serves, and keeps the document complete enough to type a client from.

const REGENERATE = 'run `npm run openapi` and commit web/src/api';

/** The path of the first place two JSON values differ, and both sides there; null when equal. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  const shown = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v)?.slice(0, 160));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${shown(a)} ≠ ${shown(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

type Operation = { operationId?: string; security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

function operations(doc: OpenAPIObject): { name: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, unknown>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op: op as Operation })),
  );
}

let generated: OpenAPIObject;
beforeAll(async () => {
  generated = await previewDocument();
});

describe('the committed OpenAPI document', () => {
  it(`is the one the service generates (else: ${REGENERATE})`, () => {
    const committed = readFileSync(OPENAPI_JSON, 'utf8');
    if (committed === documentJson(generated)) return;
    const difference = firstDifference(JSON.parse(committed), sortKeys(generated)) ?? 'the same JSON, written differently';
    throw new Error(`${OPENAPI_JSON} is not current (${REGENERATE}); first difference, committed ≠ generated: ${difference}`);
  });

  it(`has the types generated from it (else: ${REGENERATE})`, async () => {
    const committed = readFileSync(SCHEMA_TYPES, 'utf8');
    const types = await schemaTypes(documentJson(generated));
    if (committed === types) return;
    const [a, b] = [committed.split('\n'), types.split('\n')];
    const line = a.findIndex((l, i) => l !== b[i]);
    throw new Error(`${SCHEMA_TYPES} is not current (${REGENERATE}); first difference at line ${line + 1}: ${JSON.stringify(a[line])} ≠ ${JSON.stringify(b[line])}`);
  });

  it('names the first difference', () => {
    expect(firstDifference({ paths: { '/a': { get: { operationId: 'x' } } } }, { paths: { '/a': { get: { operationId: 'y' } } } })).toBe('$.paths./a.get.operationId: "x" ≠ "y"');
    expect(firstDifference({ tags: ['a'] }, { tags: ['a', 'b'] })).toBe('$.tags[1]: absent ≠ "b"');
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
  });
});

describe('every operation', () => {
  it('has its own operationId, chosen by hand (camelCase, not Nest’s Controller_method default)', () => {
    const ops = operations(generated);
    expect(ops.length).toBeGreaterThan(30);
    const wrong = ops.filter(({ op }) => !/^[a-z][A-Za-z0-9]*$/.test(op.operationId ?? '')).map(({ name, op }) => `${name}: ${op.operationId ?? 'none'}`);
    expect(wrong).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('describes its success answer with a schema (204s and event streams aside)', () => {
    const missing = operations(generated).flatMap(({ name, op }) => {
      const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (!ok.length) return [`${name}: no 2xx response`];
      return ok.flatMap(([status, r]) => {
        if (status === '204') return [];
        const content = Object.entries(r.content ?? {});
        // A Server-Sent Events stream has no JSON schema to give.
        if (content.some(([type]) => type === 'text/event-stream')) return [];
        return content.length && content.every(([, c]) => c.schema) ? [] : [`${name}: ${status} without a content schema`];
      });
    });
    expect(missing).toEqual([]);
  });

  it('lists a 4xx answer with the shared ErrorBody schema (the public /health probes answer only 503)', () => {
    const ref = '#/components/schemas/ErrorBody';
    const without = operations(generated)
      .filter(({ path }) => !path.startsWith('/health'))
      .filter(({ op }) => !Object.entries(op.responses).some(([status, r]) => /^4\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => JSON.stringify(c.schema) === JSON.stringify({ $ref: ref }))))
      .map(({ name }) => name);
    expect(without).toEqual([]);
  });
});

describe('every schema', () => {
  // A property typed `string | null` or `Record<string, unknown>` reaches Swagger as Object, and becomes a
  // bare `{type: object}` that openapi-typescript types as Record<string, never>: nothing can be read or sent.
  it('says what an object holds (properties or additionalProperties), so no type comes out as Record<string, never>', () => {
    const bare: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}[${i}]`));
      if (v === null || typeof v !== 'object') return;
      const s = v as Record<string, unknown>;
      if (s.type === 'object' && !s.properties && s.additionalProperties === undefined && !s.allOf && !s.oneOf && !s.$ref) bare.push(at);
      for (const [k, x] of Object.entries(s)) if (k !== 'example' && k !== 'default') walk(x, `${at}.${k}`);
    };
    walk(generated.components?.schemas, '$.components.schemas');
    walk(generated.paths, '$.paths');
    expect(bare).toEqual([]);
  });
});

describe('every operation but the public ones', () => {
  it('takes a bearer token or the session cookie (ApiSignedIn), as the auth guard does', () => {
    const isPublic = (path: string) => path.startsWith('/health') || path.startsWith('/auth/');
    const wrong = operations(generated)
      .filter(({ path }) => !isPublic(path))
      .filter(({ op }) => (op.security ?? []).map((s) => Object.keys(s).join('+')).sort().join(' | ') !== 'bearer | session')
      .map(({ name, op }) => `${name}: ${JSON.stringify(op.security ?? null)}`);
    expect(wrong).toEqual([]);
  });
});

// The document above is built without a database; this checks it is what a running service serves.
describe('the served document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('at /docs-json equals the generated one', async () => {
    const served = await t.http.get('/docs-json').expect(200);
    expect(firstDifference(sortKeys(served.body), sortKeys(generated))).toBeNull();
  });
});
