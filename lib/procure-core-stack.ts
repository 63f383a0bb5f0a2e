// The procure-core stack for one stage: the table and the HTTP API in front of one Lambda per route.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Fulfilment } from './constructs/fulfilment';
import { ProcureApi } from './constructs/http-api';
import { Store } from './constructs/store';
import { type Stage, stageSettings } from './stage';

export interface ProcureCoreStackProps extends StackProps {
  stage: Stage;
}

export class ProcureCoreStack extends Stack {
  readonly store: Store;
  readonly api: ProcureApi;
  readonly fulfilment: Fulfilment;

  constructor(scope: Construct, id: string, props: ProcureCoreStackProps) {
    super(scope, id, props);
    const settings = stageSettings(props.stage);
    this.store = new Store(this, 'Store', { retainData: settings.retainData });
    this.api = new ProcureApi(this, 'Api', {
      table: this.store.table,
      logRetention: settings.logRetention,
      retainLogs: settings.retainData,
      throttle: settings.apiThrottle,
    });
    this.fulfilment = new Fulfilment(this, 'Fulfilment', {
      table: this.store.table,
      logRetention: settings.logRetention,
      retainLogs: settings.retainData,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.store.table.tableName });
  }
}
