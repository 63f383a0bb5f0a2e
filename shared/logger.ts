// One structured JSON logger for every function. The request id is appended per request by the http middleware.
// Every string it writes goes through escapingReplacer: request data cannot forge lines or terminal output.
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config';
import { escapingReplacer } from './log-escape';

export const logger = new Logger({
  serviceName: config.serviceName(),
  logLevel: config.logLevel(),
  jsonReplacerFn: escapingReplacer,
});
