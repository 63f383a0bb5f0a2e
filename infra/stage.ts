// The deployment stage (`-c stage=dev|prod`): names stacks and picks the safety settings that differ per stage.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import type { AdapterConfig } from '../shared/fulfilment/config';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export function stageFrom(node: Node): Stage {
  const value = node.tryGetContext('stage') ?? 'dev';
  if (!STAGES.includes(value)) throw new Error(`unknown stage "${value}": use -c stage=${STAGES.join('|')}`);
  return value as Stage;
}

/**
 * Which adapter fulfils each platform, named for every platform so nothing falls back to a default. prod places no
 * order by itself yet: the sandbox would complete real intents with made-up orders (synth and the consumer refuse it).
 */
const FULFILMENT_ADAPTERS: Record<Stage, AdapterConfig> = {
  dev: { TAOBAO: 'manual', JD: 'sandbox', PDD: 'manual' },
  prod: { TAOBAO: 'manual', JD: 'manual', PDD: 'manual' },
};

/** What a stage keeps when its stack is deleted or damaged, how it fulfils, and whether alarms must reach someone. */
export function stageSettings(stage: Stage) {
  const prod = stage === 'prod';
  return {
    retainData: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    apiThrottle: prod ? { rateLimit: 500, burstLimit: 1000 } : { rateLimit: 50, burstLimit: 100 },
    fulfilmentAdapters: FULFILMENT_ADAPTERS[stage],
    /** An alarm nobody receives protects nothing: prod synth fails without -c alarmEmail or -c alarmTopicArn. */
    requireAlarmDestination: prod,
  };
}
