// The webhook queue on SQS: enqueueing (dispatch) and postponing a failed message (sender), in batches of ten.
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { WebhookMessage } from './enqueue-changes';

export function sqsWebhookQueue(queueUrl: string, client = new SQSClient({})) {
  return {
    async enqueue(messages: WebhookMessage[]): Promise<void> {
      for (let i = 0; i < messages.length; i += 10) {
        const chunk = messages.slice(i, i + 10);
        const { Failed } = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((message, n) => ({ Id: String(n), MessageBody: JSON.stringify(message) })),
          }),
        );
        // Throwing retries the whole stream batch; the repeated messages carry the same event ids.
        if (Failed && Failed.length > 0)
          throw new Error(`SQS refused ${Failed.length} webhook message(s): ${Failed[0]?.Code}`);
      }
    },
    async postpone(receiptHandle: string, seconds: number): Promise<void> {
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
  };
}
