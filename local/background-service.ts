// What the local runtime starts beside the HTTP server and stops on shutdown; its own file so that a service
// (local/background/*) and the list that starts them (services.ts) don't import each other.
export interface BackgroundService {
  name: string;
  /** Called once the table and the dev app exist. */
  start(): Promise<void> | void;
  /** Called on shutdown, in reverse start order; must let in-flight work finish or abandon it safely. */
  stop(): Promise<void> | void;
}
