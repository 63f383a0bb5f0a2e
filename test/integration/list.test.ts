// GET /api/v1/intents against DynamoDB Local: every parameter compared with a plain in-memory reference, paging
// (numbers and cursors, both orders, ties), app isolation and 40001 for every kind of bad value.
import { beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/intents-list';
import type { Intent } from '../../shared/domain/intent';
import { documentClient, tableName } from '../../shared/store/client';
import { bulkLoad, sampleIntent, seededRandom } from '../../tools/listing-load';
import { createTestApp } from '../support/apps';
import { settleCounters } from '../support/counters';
import { type Credentials, invoke, signedEvent } from '../support/events';

// biome-ignore lint/suspicious/noExplicitAny: reference rows are plain JSON compared field by field
type Item = Record<string, any>;

const BASE = Date.parse('2026-09-30T20:00:00.000Z');
const PRICES = [100, 1999, 1999, 5000, 123456, 99, 100000000];

/** 300 intents: groups of four share createdAt (ties), prices repeat, the span crosses a month boundary. */
function fixture(appId: string, count: number, seed: number): Intent[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const base = sampleIntent(n, random, { appId, users: 4 });
    const created = BASE + Math.floor(n / 4) * 13 * 60_000;
    const priceFen = PRICES[n % PRICES.length]!;
    return {
      ...base,
      priceFen,
      totalAmountFen: priceFen * base.quantity,
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created + (n % 3) * 3_600_000).toISOString(),
      title: n % 5 === 0 ? `Apple iPhone ${n}` : base.title,
    };
  });
}

const view = (i: Intent): Item => ({
  id: i.id,
  userId: i.userId,
  platform: i.platform,
  title: i.title,
  price: i.priceFen / 100,
  quantity: i.quantity,
  totalAmount: i.totalAmountFen / 100,
  status: i.status,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});

/** The reference answer: filter, sort by field then id, in memory. */
function expected(all: Item[], keep: (i: Item) => boolean, sortBy = 'createdAt', order = 'desc'): Item[] {
  const sign = order === 'asc' ? 1 : -1;
  return all.filter(keep).sort((a, b) => {
    const x = a[sortBy];
    const y = b[sortBy];
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return (a.id < b.id ? -1 : 1) * sign;
  });
}

let app: Credentials;
let other: Credentials;
let items: Item[];

async function list(query: string, creds = app) {
  return invoke(handler, signedEvent(creds, { method: 'GET', path: '/api/v1/intents', query }));
}

async function ids(query: string) {
  const res = await list(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

beforeAll(async () => {
  app = await createTestApp({ limits: { query: 1_000_000 } });
  other = await createTestApp({ limits: { query: 1_000_000 } });
  const intents = fixture(app.appId, 300, 1);
  await bulkLoad(documentClient(), tableName(), intents, 8, { counters: false });
  await bulkLoad(documentClient(), tableName(), fixture(other.appId, 30, 2), 8, { counters: false });
  await settleCounters();
  items = intents.map(view);
});

describe('GET /api/v1/intents', () => {
  const cases: [string, (i: Item) => boolean, string?, string?][] = [
    ['', () => true],
    ['userId=user_001', (i) => i.userId === 'user_001'],
    ['status=SUBMITTED', (i) => i.status === 'SUBMITTED'],
    ['platform=JD', (i) => i.platform === 'JD'],
    ['userId=user_002&status=DRAFT', (i) => i.userId === 'user_002' && i.status === 'DRAFT'],
    ['userId=user_002&platform=PDD', (i) => i.userId === 'user_002' && i.platform === 'PDD'],
    ['status=FAILED&platform=TAOBAO', (i) => i.status === 'FAILED' && i.platform === 'TAOBAO'],
    [
      'userId=user_003&status=CANCELLED&platform=JD',
      (i) => i.userId === 'user_003' && i.status === 'CANCELLED' && i.platform === 'JD',
    ],
    ['filter[status][in]=DRAFT,FAILED', (i) => ['DRAFT', 'FAILED'].includes(i.status)],
    [
      'filter[status][in]=DRAFT,FAILED,COMPLETED&filter[platform][in]=JD,PDD&userId=user_000',
      (i) =>
        ['DRAFT', 'FAILED', 'COMPLETED'].includes(i.status) &&
        ['JD', 'PDD'].includes(i.platform) &&
        i.userId === 'user_000',
    ],
    ['status=DRAFT&filter[status]=SUBMITTED', () => false],
    [
      'startDate=2026-09-30T21:17:00.000Z&endDate=2026-10-01T05:00:00.000Z',
      (i) => i.createdAt >= '2026-09-30T21:17:00.000Z' && i.createdAt <= '2026-10-01T05:00:00.000Z',
    ],
    ['startTime=2026-10-01&endTime=2026-10-01', (i) => i.createdAt.startsWith('2026-10-01')],
    ['endDate=2026-09-30T23:59:59.999Z&status=DRAFT', (i) => i.createdAt < '2026-10-01' && i.status === 'DRAFT'],
    ['startDate=2026-01-01&endDate=2027-01-01', () => true],
    ['startDate=2026-10-02', (i) => i.createdAt >= '2026-10-02'],
    ['startDate=2026-10-01T08:00:00%2B08:00', (i) => i.createdAt >= '2026-10-01T00:00:00.000Z'],
    [
      'filter[createdAt][gte]=2026-10-01T03:00:00Z&filter[createdAt][lte]=2026-10-01T03:59:59.999Z',
      (i) => i.createdAt.startsWith('2026-10-01T03'),
    ],
    ['startDate=2026-10-02&endDate=2026-10-01', () => false],
    ['sortBy=updatedAt', () => true, 'updatedAt', 'desc'],
    ['sortBy=updatedAt&order=asc', () => true, 'updatedAt', 'asc'],
    ['sortBy=price&sortOrder=asc', () => true, 'price', 'asc'],
    ['sortBy=price&status=COMPLETED', (i) => i.status === 'COMPLETED', 'price', 'desc'],
    ['sortBy=updatedAt&startDate=2026-10-01', (i) => i.createdAt >= '2026-10-01', 'updatedAt', 'desc'],
    ['filter[title][like]=iPHONE', (i) => i.title.toLowerCase().includes('iphone')],
    ['filter[price][gte]=19.99&filter[price][lte]=1234.56', (i) => i.price >= 19.99 && i.price <= 1234.56],
    ['filter[price]=19.99', (i) => i.price === 19.99],
    ['filter[totalAmount][gte]=100', (i) => i.totalAmount >= 100],
    ['filter[quantity][in]=1,3', (i) => [1, 3].includes(i.quantity)],
    ['filter[userId][like]=01', (i) => i.userId.includes('01')],
    ['filter[status][like]=ed', (i) => i.status.toLowerCase().includes('ed')],
    ['filter[price][like]=19.9', (i) => String(i.price).includes('19.9')],
    ['filter[updatedAt][gte]=2026-10-01T10:00:00.000Z', (i) => i.updatedAt >= '2026-10-01T10:00:00.000Z'],
    ['filter[platform][lte]=JD', (i) => i.platform <= 'JD'],
    [
      'filter[userId][in]=user_000,user_003&order=asc',
      (i) => ['user_000', 'user_003'].includes(i.userId),
      'createdAt',
      'asc',
    ],
  ];

  it.each(cases)('?%s matches the reference (items, order, total)', async (query, keep, sortBy, order) => {
    const want = expected(items, keep, sortBy, order);
    const data = await ids(`${query}&pageSize=100`);
    expect(data.total).toBe(want.length);
    expect(data.totalPages).toBe(Math.ceil(want.length / 100));
    expect(data.items).toEqual(want.slice(0, 100));
  });

  it('answers an empty result in the documented shape', async () => {
    const data = await ids('userId=nobody&pageSize=10');
    expect(data).toEqual({ items: [], total: 0, page: 1, pageSize: 10, totalPages: 0 });
  });

  it('defaults to page 1 of 20, newest first, and caps pageSize at 100', async () => {
    const data = await ids('');
    expect(data.page).toBe(1);
    expect(data.pageSize).toBe(20);
    expect(data.items).toEqual(expected(items, () => true).slice(0, 20));
    expect((await ids('pageSize=500')).pageSize).toBe(100);
    expect((await ids('pageSize=500')).items).toHaveLength(100);
  });

  it('serves page N of a filter, and an empty page past the end', async () => {
    const want = expected(items, (i) => i.platform === 'TAOBAO');
    const data = await ids('platform=TAOBAO&pageSize=7&page=3');
    expect(data.items).toEqual(want.slice(14, 21));
    const past = await ids(`platform=TAOBAO&pageSize=7&page=${Math.ceil(want.length / 7) + 1}`);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(want.length);
  });

  it('returns only the requested fields', async () => {
    const data = await ids('fields=id,status,price&pageSize=3');
    expect(data.items).toEqual(
      expected(items, () => true)
        .slice(0, 3)
        .map((i) => ({ id: i.id, status: i.status, price: i.price })),
    );
  });

  it('never shows another app its intents', async () => {
    const mine = new Set(items.map((i) => i.id));
    const res = await list('pageSize=100', other);
    expect(res.body.data.total).toBe(30);
    expect(res.body.data.items.some((i: Item) => mine.has(i.id))).toBe(false);
  });

  const walks: [string, (i: Item) => boolean, string, string][] = [
    ['', () => true, 'createdAt', 'desc'],
    ['order=asc', () => true, 'createdAt', 'asc'],
    [
      'filter[status][in]=DRAFT,SUBMITTED,PROCESSING',
      (i) => ['DRAFT', 'SUBMITTED', 'PROCESSING'].includes(i.status),
      'createdAt',
      'desc',
    ],
    ['sortBy=price&order=asc', () => true, 'price', 'asc'],
    ['sortBy=price&order=desc', () => true, 'price', 'desc'],
    ['sortBy=updatedAt&platform=JD', (i) => i.platform === 'JD', 'updatedAt', 'desc'],
    ['sortBy=price&platform=JD&order=asc', (i) => i.platform === 'JD', 'price', 'asc'],
  ];

  it.each(walks)(
    '?%s: cursor and page walks see every item once, ties included',
    async (query, keep, sortBy, order) => {
      const want = expected(items, keep, sortBy, order).map((i) => i.id);
      const byCursor: string[] = [];
      let cursor: string | undefined;
      let page = 0;
      do {
        const data = await ids(`${query}&pageSize=9${cursor ? `&cursor=${cursor}` : ''}`);
        page += 1;
        expect(data.page).toBe(page);
        byCursor.push(...data.items.map((i: Item) => i.id));
        cursor = data.nextCursor;
      } while (cursor);
      expect(byCursor).toEqual(want);

      const byNumber: string[] = [];
      for (let p = 1; p <= Math.ceil(want.length / 9); p++) {
        byNumber.push(...(await ids(`${query}&pageSize=9&page=${p}`)).items.map((i: Item) => i.id));
      }
      expect(byNumber).toEqual(want);
    },
  );

  it('refuses a tampered cursor and a cursor of another query', async () => {
    const { nextCursor } = await ids('pageSize=5');
    const [payload, tag] = nextCursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), p: 9 })).toString('base64url')}.${tag}`;
    for (const query of [
      `pageSize=5&cursor=${forged}`,
      `pageSize=6&cursor=${nextCursor}`,
      `status=DRAFT&pageSize=5&cursor=${nextCursor}`,
      'cursor=abc',
    ]) {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(40001);
      expect(res.body.data.field).toBe('cursor');
    }
  });

  const invalid: [string, string[]][] = [
    ['page=0', ['page']],
    ['page=abc', ['page']],
    ['page=', ['page']],
    ['page=1.5', ['page']],
    ['pageSize=0', ['pageSize']],
    ['pageSize=-3', ['pageSize']],
    ['status=DONE', ['status']],
    ['status=', ['status']],
    ['platform=AMAZON', ['platform']],
    ['userId=bad%20id', ['userId']],
    ['startDate=yesterday', ['startDate']],
    ['endDate=2026-02-30', ['endDate']],
    ['startTime=2026-13-01T00:00:00Z', ['startTime']],
    ['endTime=', ['endTime']],
    ['sortBy=title', ['sortBy']],
    ['order=up', ['order']],
    ['sortOrder=down', ['sortOrder']],
    ['fields=id,phone', ['fields']],
    ['fields=', ['fields']],
    ['filter[phone]=1', ['filter[phone]']],
    ['filter[status][ne]=DRAFT', ['filter[status][ne]']],
    ['filter[status][in]=DRAFT,NOPE', ['filter[status][in]']],
    ['filter[price][gte]=abc', ['filter[price][gte]']],
    ['filter[price][gte]=1.234', ['filter[price][gte]']],
    ['filter[quantity][lte]=2.5', ['filter[quantity][lte]']],
    ['filter[createdAt][gte]=soon', ['filter[createdAt][gte]']],
    ['filter[title][like]=', ['filter[title][like]']],
    ['unknown=1', ['unknown']],
    ['page=1&page=2', ['page']],
    ['page=0&pageSize=x&status=NOPE&sortBy=bad', ['status', 'page', 'pageSize', 'sortBy']],
  ];

  it.each(invalid)('?%s is 400/40001 naming %j', async (query, fields) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(40001);
    expect(res.body.data.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    expect(res.body.data.field).toBe(res.body.data.errors[0].field);
  });
});
