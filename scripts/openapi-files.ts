// The console's copy of the OpenAPI document and the types generated from it: how both are made, shared
// by `npm run openapi` (scripts/openapi.ts) and the drift test (test/http/openapi.http.spec.ts).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import type { Foundations } from '../src/foundations.js';
import { openApiDocument } from '../src/openapi/openapi-document.js';

export const OPENAPI_JSON = 'web/src/api/openapi.json';
export const SCHEMA_TYPES = 'web/src/api/schema.d.ts';

/**
 * The document of the service's application, built in Nest's preview mode: the module graph is read
 * but no provider is instantiated, so there is no database to open, no scheduler and no port. The
 * document comes from the controllers' decorators alone, so this is the same document /docs-json serves.
 */
export async function previewDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ SEED_DEMO: 'false', SCHEDULER_ENABLED: 'false' });
  // The database and the playbooks are given to Nest as values it never touches in preview mode.
  const foundations = { config, db: null, registry: null, migrated: [], granted: null, close: async () => undefined } as unknown as Foundations;
  const app = await NestFactory.create(AppModule.forRoot(foundations), { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Objects' keys sorted at every depth (arrays keep their order), so the file changes only when the API does. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/** The text of web/src/api/openapi.json: stable key order, 2-space indent, a final newline. */
export function documentJson(doc: OpenAPIObject): string {
  return `${JSON.stringify(sortKeys(doc), null, 2)}\n`;
}

/** The text of web/src/api/schema.d.ts, from the same (sorted) document. */
export async function schemaTypes(json: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(json), { alphabetize: false });
  return astToString(ast);
}
