// cdk-nag's AwsSolutions pack over the production stack: zero findings left unacknowledged, and every
// acknowledgement says why.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { NAG_ACKNOWLEDGEMENTS } from '../../infra/nag';
import { ProcureCoreStack } from '../../infra/procure-core-stack';

function checkedApp(stage: 'dev' | 'prod') {
  // prod refuses to synthesize without an alarm destination.
  const app = new App({ context: { stage, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.com' } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the production stack', () => {
    const app = checkedApp('prod');
    new ProcureCoreStack(app, 'ProcureCore-prod', { stage: 'prod' });
    expect(() => app.synth()).not.toThrow();
  });

  it('really runs: an unprotected queue fails synth', () => {
    const app = checkedApp('dev');
    new Queue(new Stack(app, 'Careless'), 'Plain');
    expect(() => app.synth()).toThrow();
  });

  it('gives every acknowledgement a reason', () => {
    for (const { id, reason } of NAG_ACKNOWLEDGEMENTS) {
      expect(id).toMatch(/^AwsSolutions::AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });
});
