// The domain's refusals answer exactly as the API reference says, through the one mapping in shared/http.
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  IdempotencyConflictError,
  InvalidInputError,
  NotFoundError,
  NothingToChangeError,
  StatusConflictError,
} from '../../shared/domain/errors';
import { type ApiContext, type HttpEvent, type HttpResult, httpFoundation } from '../../shared/http/foundation';
import { routeFor } from '../../shared/routes';
import { httpEvent } from '../support/events';

/** The raw response of a route whose handler throws `error`. */
async function answerTo(error: Error): Promise<HttpResult> {
  const handler = middy<HttpEvent, HttpResult, Error, ApiContext>()
    .use(httpFoundation(routeFor('health')))
    .handler(async () => {
      throw error;
    });
  return handler(httpEvent({ path: '/api/v1/health' }), {} as ApiContext);
}

describe('domain errors on the wire', () => {
  const cases: [string, Error, number, string][] = [
    [
      'an unknown intent',
      new NotFoundError('intent', 'no intent x'),
      404,
      '{"code":40401,"message":"采购意图不存在","data":null}',
    ],
    [
      "another app's intent",
      new ForbiddenError('belongs to app_2'),
      403,
      '{"code":40302,"message":"无权访问该资源","data":null}',
    ],
    [
      'a status that forbids it',
      new StatusConflictError('cancel not allowed in COMPLETED'),
      409,
      '{"code":40902,"message":"当前状态不允许该操作","data":null}',
    ],
    [
      'a reused idempotency key',
      new IdempotencyConflictError('another body'),
      409,
      '{"code":40901,"message":"幂等键已用于不同的请求","data":null}',
    ],
    [
      'a change of nothing',
      new NothingToChangeError('nothing to change'),
      400,
      '{"code":40001,"message":"请求参数错误","data":null}',
    ],
    [
      'a cursor of another query',
      new InvalidInputError([{ field: 'cursor', rule: 'cursor' }]),
      400,
      '{"code":40001,"message":"参数验证失败","data":{"errors":[{"field":"cursor","message":"游标无效或与查询条件不匹配"}],"field":"cursor","reason":"游标无效或与查询条件不匹配"}}',
    ],
    [
      'a filter too broad to read',
      new InvalidInputError([{ field: 'filter', rule: 'filterTooBroad', limit: 2000 }]),
      400,
      '{"code":40001,"message":"参数验证失败","data":{"errors":[{"field":"filter","message":"筛选范围过大(超过 2000 条),请增加 userId、status、platform 或日期范围"}],"field":"filter","reason":"筛选范围过大(超过 2000 条),请增加 userId、status、platform 或日期范围"}}',
    ],
  ];

  it.each(cases)('answers %s with its code and public message, not the reason', async (_name, error, status, body) => {
    const res = await answerTo(error);
    expect(res.statusCode).toBe(status);
    expect(res.body).toBe(body);
  });

  it('hides anything else behind 500/50001', async () => {
    const res = await answerTo(new Error('secret internals'));
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe('{"code":50001,"message":"服务器内部错误","data":null}');
  });

  it('answers a throttled dependency with 503/50301 and Retry-After', async () => {
    const res = await answerTo(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(res.body).toBe('{"code":50301,"message":"服务暂时不可用","data":null}');
  });
});
