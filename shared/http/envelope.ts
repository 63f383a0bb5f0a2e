import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const SUCCESS_MESSAGE = '操作成功';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Envelope {
  code: number;
  message: string;
  data: unknown;
}

export function envelope(
  status: number,
  body: Envelope,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> } {
  return {
    statusCode: status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}

export function success(status: number, data: unknown, headers: Record<string, string> = {}) {
  return envelope(status, { code: 0, message: SUCCESS_MESSAGE, data: data ?? null }, headers);
}
