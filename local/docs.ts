// GET /docs in the local runtime: Redoc reading /api/v1/openapi.json. The Redoc bundle is served from
// node_modules, never a CDN, so the page works offline.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

export const DOCS_PATH = '/docs';
const SCRIPT_PATH = '/docs/redoc.standalone.js';

const page = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>procure-core API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<redoc spec-url="/api/v1/openapi.json"></redoc>
<script src="${SCRIPT_PATH}"></script>
</body>
</html>
`;

let script: Buffer | undefined;
const redocScript = () => {
  script ??= readFileSync(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'));
  return script;
};

/** Answers the docs page and its script; false for every other request, which the API handles. */
export function serveDocs(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '').split('?')[0];
  let body: Buffer;
  let type: string;
  if (path === DOCS_PATH || path === `${DOCS_PATH}/`) {
    body = Buffer.from(page);
    type = 'text/html; charset=utf-8';
  } else if (path === SCRIPT_PATH) {
    body = redocScript();
    type = 'text/javascript; charset=utf-8';
  } else return false;
  res.writeHead(200, { 'content-type': type, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
