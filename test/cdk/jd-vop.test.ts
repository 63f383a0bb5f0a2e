// JD through VOP in the stack: only with a configured secret (then a poller, its schedule and the balance alarm);
// production without it orders JD by hand, never through the sandbox; cdk-nag stays clean either way.
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ProcureCoreStack } from '../../infra/procure-core-stack';

const SECRET = 'arn:aws:secretsmanager:cn-north-1:123456789012:secret:procure/jd-vop-AbCdEf';

function build(stage: 'dev' | 'prod', context: Record<string, unknown> = {}, nag = false) {
  // Prod alarms must notify someone (hard-a); the address is incidental here.
  const app = new App({
    context: { stage, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.com', ...context },
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new ProcureCoreStack(app, `ProcureCore-${stage}`, { stage });
  return { app, template: Template.fromStack(stack) };
}

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON
const envOf = (t: Template, prefix: string): Record<string, any> => {
  const fns = Object.entries(t.findResources('AWS::Lambda::Function'));
  return fns.find(([id]) => id.startsWith(prefix))![1].Properties.Environment.Variables;
};
const consumerEnv = (t: Template) => envOf(t, 'FulfilmentFulfilmentConsumer');

describe('JD VOP in the stack', () => {
  it.each([
    ['prod', {}, 'manual'],
    ['dev', {}, 'sandbox'],
    ['prod', { jdVopSecretArn: SECRET }, 'jd-vop'],
  ] as const)('%s with %j orders JD through %s, and says so in an output', (stage, context, adapter) => {
    const { template } = build(stage, context);
    template.hasOutput('JdFulfilmentAdapter', { Value: adapter });
    expect(consumerEnv(template).FULFILMENT_ADAPTERS).toBe(`TAOBAO=manual,JD=${adapter},PDD=manual`);
    const pollers = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('JdVop'));
    expect(pollers).toHaveLength(adapter === 'jd-vop' ? 1 : 0);
  });

  it("with the secret: the consumer, the watchdog, the operators' retry and the poller read it, the poller runs every minute, the balance alarms", () => {
    const { template } = build('prod', { jdVopSecretArn: SECRET, jdVopBalanceAlarmYuan: 5000 });
    expect(consumerEnv(template).JD_VOP_SECRET_ARN).toBe(SECRET);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          JD_VOP_SECRET_ARN: SECRET,
          FULFILMENT_ADAPTERS: 'TAOBAO=manual,JD=jd-vop,PDD=manual',
        }),
      },
      Timeout: 50,
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'JdVopBalanceYuan',
      Namespace: 'procure-core',
      Threshold: 5000,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    // Only the functions that place orders (consumer, watchdog's retry, an operator's "run again") and the poller
    // may read the VOP secret.
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes(SECRET),
    );
    expect(readers).toHaveLength(4);
    expect(envOf(template, 'FulfilmentFulfilmentWatchdog').JD_VOP_SECRET_ARN).toBe(SECRET);
    expect(envOf(template, 'ApiConsoleOpsRetry').JD_VOP_SECRET_ARN).toBe(SECRET);
    expect(envOf(template, 'ApiConsoleOpsQueue').JD_VOP_SECRET_ARN).toBeUndefined();
    for (const policy of readers) expect(JSON.stringify(policy)).toContain('secretsmanager:GetSecretValue');
  });

  it('finds nothing unacknowledged by cdk-nag with the VOP secret configured', () => {
    const { app } = build('prod', { jdVopSecretArn: SECRET }, true);
    expect(() => app.synth()).not.toThrow();
  });
});
