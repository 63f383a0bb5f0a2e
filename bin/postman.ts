// npm run postman: writes docs/postman_collection.json from the OpenAPI document the API serves.
import './node-support';
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../shared/openapi/document';
import { buildPostmanCollection } from '../tools/postman';

const out = new URL('../docs/postman_collection.json', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildPostmanCollection(buildOpenApiDocument()), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
