// Server-side checks of app settings beyond the schema's shape: the webhook URL against the sender's rules.
import { validationError } from '../http/errors';
import { webhookUrlProblem } from './webhook-url';

export function assertWebhookUrl(url: string): void {
  const problem = webhookUrlProblem(url);
  if (problem) throw validationError([{ field: 'webhookUrl', message: `Webhook 地址不可用:${problem}` }], false);
}
