// The HTTP API: one route and one function per line of shared/routes.ts, and the catch-all ($default) for the rest.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bearerRoutes, CATCH_ALL_HANDLER, routes } from '../../shared/routes';
import { tableAccess } from '../access';
import { HandlerFunction } from './handler-function';

/** API Gateway's own fields per request; `$context.requestId` is API Gateway's id, not our X-Request-Id. */
export const ACCESS_LOG_FIELDS = {
  gatewayRequestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
};

export interface ProcureApiProps {
  table: ITable;
  /** Whole-API requests per second (steady) and burst, across every partner. */
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  retainLogs: boolean;
  /** Optional custom domain (context `domainName` + `certificateArn`, an ACM certificate in the stack's region). */
  customDomain?: { domainName: string; certificateArn: string };
}

/** `intents-get` → `IntentsGet`: stable construct ids, so renaming nothing never replaces a function. */
const constructId = (handler: string) =>
  handler
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export class ProcureApi extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<string, HandlerFunction> = {};
  /** The console routes' functions (also in `functions`), added by addConsoleRoutes. */
  readonly consoleFunctions: Record<string, HandlerFunction> = {};
  private readonly fn: (handler: string) => HandlerFunction;
  /** Set when a custom domain was asked for: point the DNS record (CNAME/alias) at its regionalDomainName. */
  readonly domain?: DomainName;

  constructor(scope: Construct, id: string, props: ProcureApiProps) {
    super(scope, id);
    const fn = (handler: string) =>
      new HandlerFunction(this, constructId(handler), {
        handler,
        logRetention: props.logRetention,
        retainLogs: props.retainLogs,
      });
    this.fn = fn;

    const catchAll = fn(CATCH_ALL_HANDLER).bindTable(props.table, 'none');
    this.functions[CATCH_ALL_HANDLER] = catchAll;
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'procure-core partner API',
      defaultIntegration: new HttpLambdaIntegration('CatchAll', catchAll),
      createDefaultStage: false,
    });
    // Access logs carry no headers, query strings or bodies: those hold signatures and personal data.
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // HTTP APIs take no WAF: stage throttling caps the whole API, the per-app limits in the store do the rest.
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    if (props.customDomain) {
      this.domain = new DomainName(this, 'Domain', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'DomainMapping', { api: this.httpApi, domainName: this.domain, stage });
    }

    for (const route of routes) {
      const handler = fn(route.handler).bindTable(props.table, tableAccess(route));
      this.functions[route.handler] = handler;
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, handler),
      });
    }
  }

  /** One route and function per console route (partners' and operators'), every one behind the JWT authorizer;
   * readers only read. */
  addConsoleRoutes(table: ITable, authorizer: IHttpRouteAuthorizer): void {
    for (const route of bearerRoutes) {
      const handler = this.fn(route.handler).bindTable(table, route.method === 'GET' ? 'read' : 'read-write');
      this.functions[route.handler] = handler;
      this.consoleFunctions[route.handler] = handler;
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, handler),
        authorizer,
      });
    }
  }
}
