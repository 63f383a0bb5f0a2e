// The deployment stage (`-c stage=dev|prod`): names stacks and picks the safety settings that differ per stage.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export function stageFrom(node: Node): Stage {
  const value = node.tryGetContext('stage') ?? 'dev';
  if (!STAGES.includes(value)) throw new Error(`unknown stage "${value}": use -c stage=${STAGES.join('|')}`);
  return value as Stage;
}

/** What a stage keeps when its stack is deleted or damaged. */
export function stageSettings(stage: Stage) {
  const prod = stage === 'prod';
  return {
    retainData: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    apiThrottle: prod ? { rateLimit: 500, burstLimit: 1000 } : { rateLimit: 50, burstLimit: 100 },
  };
}
