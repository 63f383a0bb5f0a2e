// A Postman v2.1 collection generated from the OpenAPI document: one request per operation, signed by the
// collection's pre-request script, each with tests on its HTTP status and business code. The requests run in an
// order that works as a whole (create a draft, read it, list it, edit it, read its history, delete it), so
// `newman run` against a fresh local runtime passes end to end. Path ids become {{intentId}}, set by the create.
import { responseTests, SIGNING_SCRIPT } from './postman-signing';

// biome-ignore lint/suspicious/noExplicitAny: reading a JSON document
type Doc = any;

const EXAMPLE_INTENT = {
  userId: 'user_001',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=123456789',
  title: '示例商品 Apple',
  price: 19.99,
  quantity: 2,
  recipientName: '张三',
  address: '北京市朝阳区示例路 1 号',
  phone: '13800138000',
  status: 'DRAFT',
};

interface Step {
  body?: object;
  /** Query parameters sent (enabled); the route's other parameters are listed disabled. */
  query?: Record<string, string>;
  status: number;
  /** The envelope's business code; null for answers that are not an envelope. */
  code: number | null;
  tests?: string[];
}

// The order requests run in, and what each sends and expects. Operations not named run before the delete.
const STEPS: Record<string, Step> = {
  health: { status: 200, code: 0 },
  openapi: {
    status: 200,
    code: null,
    tests: ["pm.test('OpenAPI 3.1', function () { pm.expect(pm.response.json().openapi).to.match(/^3\\.1/); });"],
  },
  intentsCreate: {
    body: EXAMPLE_INTENT,
    status: 201,
    code: 0,
    tests: ["pm.collectionVariables.set('intentId', pm.response.json().data.id);"],
  },
  intentsGet: {
    status: 200,
    code: 0,
    tests: [
      "pm.test('phone masked', function () { pm.expect(pm.response.json().data.phone).to.eql('138****8000'); });",
    ],
  },
  intentsList: {
    // Chinese text, a space and brackets: signed over the URL exactly as it is sent.
    query: { 'filter[title][like]': '商品 Apple', 'filter[status][in]': 'DRAFT,SUBMITTED', pageSize: '10' },
    status: 200,
    code: 0,
    tests: ["pm.test('finds the draft', function () { pm.expect(pm.response.json().data.total).to.be.at.least(1); });"],
  },
  intentsBatch: {
    // Not atomic: the first item is created as a draft, the second (price 0) is refused with the single create's code.
    body: { items: [EXAMPLE_INTENT, { ...EXAMPLE_INTENT, price: 0 }] },
    status: 200,
    code: 0,
    tests: [
      "pm.test('per-item results', function () { var items = pm.response.json().data.items; pm.expect(items[0].code).to.eql(0); pm.expect(items[1].code).to.eql(40001); });",
    ],
  },
  intentsUpdate: { body: { quantity: 3 }, status: 200, code: 0 },
  intentsEvents: { status: 200, code: 0 },
  intentsDelete: { status: 200, code: 0 },
};
const ORDER = Object.keys(STEPS);
const rank = (operationId: string) => {
  const at = ORDER.indexOf(operationId);
  return at === -1 ? ORDER.indexOf('intentsDelete') - 0.5 : at;
};

function request(path: string, method: string, operation: Doc) {
  const step: Step = STEPS[operation.operationId] ?? { status: 200, code: 0 };
  const segments = path
    .replace(/\{id\}/g, '{{intentId}}')
    .split('/')
    .filter(Boolean);
  const sent = Object.entries(step.query ?? {}).map(([key, value]) => ({ key, value }));
  const listed = (operation.parameters ?? [])
    .filter((p: Doc) => p.in === 'query' && p.name !== 'filter' && !(p.name in (step.query ?? {})))
    .map((p: Doc) => ({
      key: p.name,
      value: String(p.schema?.default ?? ''),
      description: p.description,
      disabled: true,
    }));
  const query = [...sent, ...listed];
  const headers = (operation.parameters ?? [])
    .filter((p: Doc) => p.in === 'header')
    .map((p: Doc) => ({ key: p.name, value: '{{$guid}}', description: p.description, disabled: true }));
  const raw = `{{baseUrl}}/${segments.join('/')}`;
  return {
    name: operation.summary,
    event: [
      { listen: 'test', script: { type: 'text/javascript', exec: responseTests(step.status, step.code, step.tests) } },
    ],
    request: {
      method: method.toUpperCase(),
      header: [...headers, ...(step.body ? [{ key: 'Content-Type', value: 'application/json' }] : [])],
      url: {
        raw: sent.length ? `${raw}?${sent.map(({ key, value }) => `${key}=${value}`).join('&')}` : raw,
        host: ['{{baseUrl}}'],
        path: segments,
        ...(query.length ? { query } : {}),
      },
      ...(step.body ? { body: { mode: 'raw', raw: JSON.stringify(step.body, null, 2) } } : {}),
    },
    operationId: operation.operationId as string,
  };
}

export function buildPostmanCollection(document: Doc) {
  const item = Object.entries(document.paths as Record<string, Doc>)
    .flatMap(([path, operations]) =>
      Object.entries(operations as Record<string, Doc>).map(([method, operation]) => request(path, method, operation)),
    )
    .sort((a, b) => rank(a.operationId) - rank(b.operationId))
    .map(({ operationId: _, ...rest }) => rest);
  return {
    info: {
      name: document.info.title,
      description: document.components.securitySchemes.appId.description,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: SIGNING_SCRIPT } }],
    variable: [
      { key: 'baseUrl', value: 'http://127.0.0.1:3000' },
      { key: 'appId', value: '' },
      { key: 'appSecret', value: '' },
      { key: 'intentId', value: '' },
    ],
    item,
  };
}
