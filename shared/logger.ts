// One structured JSON logger for every function. The request id is appended per request by the http middleware.
// Every string it writes goes through escapingReplacer: request data cannot forge lines or terminal output.
// Built on first use, not at import, so the level and service name are read after the process set its environment
// (the local runtime and the benches set LOG_LEVEL before their first call, not before their first import).
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config';
import { escapingReplacer } from './log-escape';
import { once } from './once';

const instance = once(
  () =>
    new Logger({ serviceName: config.serviceName(), logLevel: config.logLevel(), jsonReplacerFn: escapingReplacer }),
);

// Everything a caller does to `logger` (calls, spies, property reads) reaches the one instance. Methods are bound to
// it: Powertools' Logger keeps its state in private fields, which only the instance itself may read.
export const logger: Logger = new Proxy({} as Logger, {
  get(_, key) {
    const value = Reflect.get(instance(), key);
    return typeof value === 'function' ? value.bind(instance()) : value;
  },
  set: (_, key, value) => Reflect.set(instance(), key, value),
  has: (_, key) => Reflect.has(instance(), key),
  defineProperty: (_, key, descriptor) => Reflect.defineProperty(instance(), key, descriptor),
  deleteProperty: (_, key) => Reflect.deleteProperty(instance(), key),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(instance(), key);
    // A proxy may not report a non-configurable property its (empty) target lacks.
    return descriptor && { ...descriptor, configurable: true };
  },
  getPrototypeOf: () => Reflect.getPrototypeOf(instance()),
  ownKeys: () => Reflect.ownKeys(instance()),
});
