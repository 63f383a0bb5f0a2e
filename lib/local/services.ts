// Background work the local runtime runs beside the HTTP server, standing in for what AWS triggers on its own
// (the DynamoDB Streams triggers of the fulfilment consumer and webhook dispatch, and the webhook queue's sender).
import type { BackgroundService } from './background-service';

export type { BackgroundService } from './background-service';

export async function backgroundServices(options: { dataDir: string }): Promise<BackgroundService[]> {
  // JD through the VOP simulator (README "JD VOP locally"): it must set the adapter configuration before the
  // fulfilment consumer's module reads it.
  const jd = process.env.JD_VOP_SIMULATOR === 'true' ? await import('./background/jd-vop') : undefined;
  const simulator = jd ? [await jd.jdVopSimulatorService()] : [];
  // Imported lazily: the fulfilment modules read TABLE_NAME at load, which the runtime sets only once the table exists.
  const { fulfilmentServices } = await import('./background');
  return [
    ...simulator,
    await fulfilmentServices({
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName: process.env.TABLE_NAME!,
      dataDir: options.dataDir,
    }),
    ...(jd ? [await jd.jdVopPollerService()] : []),
  ];
}
