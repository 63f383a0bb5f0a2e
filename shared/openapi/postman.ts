// A Postman v2.1 collection generated from the OpenAPI document: one request per operation, signed by the
// collection's pre-request script. Path ids become {{intentId}} so the signing script sees the real path.
import { EXAMPLE_BATCH, EXAMPLE_INTENT } from './examples';
import { SIGNING_SCRIPT } from './postman-signing';

// biome-ignore lint/suspicious/noExplicitAny: reading a JSON document
type Doc = any;

const BODIES: Record<string, object> = {
  intentsCreate: EXAMPLE_INTENT,
  intentsBatch: EXAMPLE_BATCH,
  intentsUpdate: { status: 'SUBMITTED' },
};

function request(path: string, method: string, operation: Doc) {
  const segments = path
    .replace(/\{id\}/g, '{{intentId}}')
    .split('/')
    .filter(Boolean);
  const query = (operation.parameters ?? [])
    .filter((p: Doc) => p.in === 'query' && p.name !== 'filter')
    .map((p: Doc) => ({
      key: p.name,
      value: String(p.schema?.default ?? ''),
      description: p.description,
      disabled: true,
    }));
  if ((operation.parameters ?? []).some((p: Doc) => p.name === 'filter'))
    query.push({
      key: 'filter[status][in]',
      value: 'SUBMITTED,PROCESSING',
      description: 'filter[...] 示例',
      disabled: true,
    });
  const headers = (operation.parameters ?? [])
    .filter((p: Doc) => p.in === 'header')
    .map((p: Doc) => ({ key: p.name, value: '{{$guid}}', description: p.description, disabled: true }));
  const body = BODIES[operation.operationId];
  return {
    name: operation.summary,
    request: {
      method: method.toUpperCase(),
      header: [...headers, ...(body ? [{ key: 'Content-Type', value: 'application/json' }] : [])],
      url: {
        raw: `{{baseUrl}}/${segments.join('/')}`,
        host: ['{{baseUrl}}'],
        path: segments,
        ...(query.length ? { query } : {}),
      },
      ...(body ? { body: { mode: 'raw', raw: JSON.stringify(body, null, 2) } } : {}),
    },
  };
}

export function buildPostmanCollection(document: Doc) {
  const item = Object.entries(document.paths as Record<string, Doc>).flatMap(([path, operations]) =>
    Object.entries(operations as Record<string, Doc>).map(([method, operation]) => request(path, method, operation)),
  );
  return {
    info: {
      name: document.info.title,
      description: document.components.securitySchemes.appId.description,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: SIGNING_SCRIPT } }],
    variable: [
      { key: 'baseUrl', value: 'http://localhost:3000' },
      { key: 'appId', value: '' },
      { key: 'appSecret', value: '' },
      { key: 'intentId', value: '' },
    ],
    item,
  };
}
