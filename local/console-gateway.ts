// What API Gateway and CloudFront do for the console in front of the handlers, played by the local runtime: the
// OpenID provider at /oidc (Cognito's part), /console/config.json (the bucket's part) and the bearer-token check on
// every console route (the JWT authorizer's part). Partner routes never see any of it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { newRequestId } from '../shared/http/request-id';
import { type AnyRoute, bearerRoutes } from '../shared/routes';
import { consoleTokenChecker } from './console-auth';
import type { LocalOidc } from './oidc';
import type { HttpResponse } from './response';

export const CONSOLE_CONFIG_PATH = '/console/config.json';

export interface ConsoleGateway {
  /** Answers /oidc/* and /console/config.json; false for every other request. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** For a console route: fills `requestContext.authorizer.jwt` or returns the 401 to send instead. */
  authorize(event: APIGatewayProxyEventV2, route: AnyRoute | undefined): Promise<HttpResponse | undefined>;
}

const CONSOLE_ROUTES: ReadonlySet<AnyRoute> = new Set(bearerRoutes);

/** The JWT authorizer sits on the route table's console routes. Like API Gateway, the catch-all (an unknown path or
 * a wrong method, even under /console/api) has none and answers its 404/405 to anyone. */
export function isConsoleRoute(route: AnyRoute | undefined): boolean {
  return route !== undefined && CONSOLE_ROUTES.has(route);
}

export function unauthorized(): HttpResponse {
  return {
    statusCode: 401,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': newRequestId(),
      'www-authenticate': 'Bearer',
    },
    body: Buffer.from(JSON.stringify({ code: 40101, message: '未登录或登录已过期', data: null })),
  };
}

/** Without a provider nothing can sign in: every console route answers 401. */
export const CLOSED_CONSOLE: ConsoleGateway = {
  serve: async () => false,
  authorize: async (_event, route) => (isConsoleRoute(route) ? unauthorized() : undefined),
};

export function consoleConfig(oidc: Pick<LocalOidc, 'issuer' | 'clientId'>) {
  return {
    authority: oidc.issuer,
    clientId: oidc.clientId,
    redirectPath: '/console/callback',
    apiBase: '',
    locale: 'zh-CN',
  };
}

export function createConsoleGateway(oidc: LocalOidc): ConsoleGateway {
  const check = consoleTokenChecker({ issuer: oidc.issuer, audience: oidc.clientId, jwks: oidc.jwks });
  const config = Buffer.from(JSON.stringify(consoleConfig(oidc)));
  return {
    async serve(req, res) {
      const path = (req.url ?? '').split('?')[0];
      if (path === CONSOLE_CONFIG_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'content-length': String(config.length),
        });
        res.end(req.method === 'HEAD' ? undefined : config);
        return true;
      }
      return oidc.serve(req, res);
    },
    async authorize(event, route) {
      if (!isConsoleRoute(route)) return undefined;
      const jwt = await check(event.headers.authorization);
      if (!jwt) return unauthorized();
      // The real event carries only `jwt` here; the aws-lambda type also lists two Lambda-authorizer fields.
      (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer = {
        jwt,
      } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
      return undefined;
    },
  };
}
