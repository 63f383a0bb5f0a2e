// Background work the local runtime runs beside the HTTP server, standing in for what AWS triggers on its own
// (the fulfilment poller and the webhook sender arrive with their issue: add them to the list below).
export interface BackgroundService {
  name: string;
  /** Called once the table and the dev app exist. */
  start(): Promise<void> | void;
  /** Called on shutdown, in reverse start order; must let in-flight work finish or abandon it safely. */
  stop(): Promise<void> | void;
}

export async function backgroundServices(): Promise<BackgroundService[]> {
  return [];
}
