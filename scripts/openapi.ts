/**
 * npm run openapi — writes the service's OpenAPI document to web/src/api/openapi.json and the console's
 * types generated from it to web/src/api/schema.d.ts. No database, no port (Nest's preview mode). Run it
 * after changing any endpoint, request or response; test/http/openapi.http.spec.ts fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentJson, OPENAPI_JSON, previewDocument, SCHEMA_TYPES, schemaTypes } from './openapi-files.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const json = documentJson(await previewDocument());
const types = await schemaTypes(json);
writeFileSync(resolve(root, OPENAPI_JSON), json);
writeFileSync(resolve(root, SCHEMA_TYPES), types);
const doc = JSON.parse(json) as { paths: Record<string, Record<string, unknown>> };
const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
console.log(`wrote ${OPENAPI_JSON} (${operations} operations) and ${SCHEMA_TYPES}`);
