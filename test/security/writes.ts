// What the security tests count as "a write": anything on the mocked DocumentClient except the auth middleware's
// own bookkeeping (the replay-guard put and the app's rate-limit counter updates), which every signed request pays.
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export function businessWrites(ddb: AwsClientStub<DynamoDBDocumentClient>, appId: string): number {
  return (
    ddb.commandCalls(TransactWriteCommand).length +
    ddb.commandCalls(DeleteCommand).length +
    ddb.commandCalls(PutCommand).filter((c) => (c.args[0].input.Item as { type?: string }).type !== 'REPLAY').length +
    ddb.commandCalls(UpdateCommand).filter((c) => !String(c.args[0].input.Key?.pk).includes(appId)).length
  );
}
