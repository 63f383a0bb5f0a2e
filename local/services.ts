// Background work the local runtime runs beside the HTTP server, standing in for what AWS triggers on its own
// (the DynamoDB Streams triggers of the fulfilment consumer and webhook dispatch, and the webhook queue's sender).
import { fulfilmentServices } from './background';
import { jdVopPollerService, jdVopSimulatorService } from './background/jd-vop';
import type { BackgroundService } from './background-service';

export type { BackgroundService } from './background-service';

export async function backgroundServices(options: { dataDir: string }): Promise<BackgroundService[]> {
  // JD through the VOP simulator (README "JD VOP locally"): it sets the adapter configuration, which the fulfilment
  // consumer reads on its first batch.
  const jd = process.env.JD_VOP_SIMULATOR === 'true';
  const simulator = jd ? [await jdVopSimulatorService()] : [];
  return [
    ...simulator,
    await fulfilmentServices({
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName: process.env.TABLE_NAME!,
      dataDir: options.dataDir,
    }),
    ...(jd ? [await jdVopPollerService()] : []),
  ];
}
