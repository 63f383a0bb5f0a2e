// The HTTP API: one route and one function per line of shared/routes.ts, and the catch-all ($default) for the rest.
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CATCH_ALL_HANDLER, routes } from '../../shared/routes';
import { tableAccess } from '../access';
import { HandlerFunction } from './handler-function';

export interface ProcureApiProps {
  table: ITable;
  logRetention: RetentionDays;
  retainLogs: boolean;
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

  constructor(scope: Construct, id: string, props: ProcureApiProps) {
    super(scope, id);
    const fn = (handler: string) =>
      new HandlerFunction(this, constructId(handler), {
        handler,
        logRetention: props.logRetention,
        retainLogs: props.retainLogs,
      });

    const catchAll = fn(CATCH_ALL_HANDLER).bindTable(props.table, 'none');
    this.functions[CATCH_ALL_HANDLER] = catchAll;
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'procure-core partner API',
      defaultIntegration: new HttpLambdaIntegration('CatchAll', catchAll),
      createDefaultStage: true,
    });

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
}
