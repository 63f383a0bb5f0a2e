// CDK entry point: `npx cdk synth -c stage=dev|prod`.
import { App } from 'aws-cdk-lib';
import { ProcureCoreStack } from '../infra/procure-core-stack';
import { stageFrom } from '../infra/stage';

const app = new App();
const stage = stageFrom(app.node);
new ProcureCoreStack(app, `ProcureCore-${stage}`, {
  stage,
  description: `procure-core (${stage}): purchase intents API`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  tags: { project: 'procure-core', stage },
});
