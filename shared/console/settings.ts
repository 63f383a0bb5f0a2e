// Server-side checks of app settings beyond the schema's shape: the webhook URL against the sender's rules.
import { validationError } from '../http/errors';
import { MESSAGES } from '../http/messages';
import { webhookUrlProblem } from './webhook-url';

export function assertWebhookUrl(url: string): void {
  const problem = webhookUrlProblem(url);
  if (problem) throw validationError([{ field: 'webhookUrl', message: MESSAGES.webhookUrlUnusable(problem) }], false);
}
