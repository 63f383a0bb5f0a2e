// The local HTTP front door: plays API Gateway for the handlers in functions/ (event in, result out).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { escapeControlCharacters, escapingReplacer } from '../shared/log-escape';
import { type ConsoleSite, isConsolePath, serveConsole } from './console';
import { CLOSED_CONSOLE, type ConsoleGateway } from './console-gateway';
import { serveDocs } from './docs';
import { BadRequestTarget, buildEvent } from './event';
import { lambdaContext, loadHandler } from './handlers';
import { asInvocation } from './invocations';
import { type HttpResponse, INTERNAL_SERVER_ERROR, toHttpResponse } from './response';

/** Above the handlers' own 1 MB limit, so they answer 413 in the envelope; this only stops runaway uploads. */
export const MAX_LOCAL_BODY_BYTES = 2 * 1024 * 1024;

const gatewayError = (statusCode: number, message: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message })),
});

function send(res: ServerResponse, response: HttpResponse, close = false) {
  if (res.headersSent) return;
  const headers: Record<string, string | string[]> = {
    ...response.headers,
    'content-length': String(response.body.length),
  };
  if (close) headers.connection = 'close';
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

/** Reads the body, giving up (without buffering further) once it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolve('too-large');
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        resolve('too-large');
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export interface LocalServerOptions {
  maxBodyBytes?: number;
  /** One line per request; no query strings, headers or bodies (they may carry personal data or signatures). */
  log?: (line: string) => void;
  /** Sign-in, console config and the bearer check on console routes; without it every console route is a 401. */
  console?: ConsoleGateway;
  /** The web app at /console/ (the local runtime sets it; the API-only test servers leave it out). */
  webApp?: ConsoleSite;
}

export function createLocalServer(options: LocalServerOptions = {}): Server {
  const limit = options.maxBodyBytes ?? MAX_LOCAL_BODY_BYTES;
  const gateway = options.console ?? CLOSED_CONSOLE;
  return createServer(async (req, res) => {
    if (serveDocs(req, res)) return;
    const started = Date.now();
    // The label carries request data (method, decoded path): escaped, so `%0A` in a URL cannot forge a log line.
    let label = escapeControlCharacters(`${req.method} ${(req.url ?? '').split('?')[0]}`);
    if (options.webApp && isConsolePath((req.url ?? '').split('?')[0] ?? '')) {
      await serveConsole(req, res, options.webApp).catch((error: Error) => {
        console.error(`local runtime: ${label} failed: ${error.message}`);
        send(res, gatewayError(503, 'Console unavailable'));
      });
      return;
    }
    try {
      if (await gateway.serve(req, res)) return;
      const body = await readBody(req, limit);
      if (body === 'too-large') {
        // Close the connection: the rest of the upload is never read.
        send(res, gatewayError(413, 'Request Entity Too Large'), true);
        res.once('finish', () => req.socket.destroy());
        return;
      }
      const { event, handler, route } = buildEvent({
        method: req.method ?? 'GET',
        target: req.url ?? '/',
        rawHeaders: req.rawHeaders,
        body,
        remoteAddress: req.socket.remoteAddress,
        httpVersion: req.httpVersion,
      });
      label = escapeControlCharacters(`${event.requestContext.http.method} ${event.rawPath} → ${handler}`);
      const refused = await gateway.authorize(event, route);
      if (refused) return send(res, refused);
      const fn = await loadHandler(handler);
      const { requestId } = event.requestContext;
      send(res, toHttpResponse(await asInvocation(requestId, () => fn(event, lambdaContext(handler, requestId)))));
    } catch (error) {
      if (error instanceof BadRequestTarget) send(res, gatewayError(400, 'Bad Request'));
      else {
        // The handler itself failed outside its error middleware: API Gateway would answer a bare 500.
        // The error's message may quote request data too: escaped like a logged stack (line breaks kept).
        console.error(
          `local runtime: ${label} failed: ${escapingReplacer('stack', String((error as Error).stack ?? error))}`,
        );
        send(res, INTERNAL_SERVER_ERROR);
      }
    } finally {
      options.log?.(`${label} ${res.statusCode} ${Date.now() - started}ms`);
    }
  });
}
