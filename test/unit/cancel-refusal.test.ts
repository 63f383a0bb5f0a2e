// A cancel the platform refused reaches operators in the console's audit log of the organisation owning the app,
// once per refused order, in the same transaction as the record in the intent's partition; no personal data.
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../shared/console/audit';
import { auditEntrySchema } from '../../shared/console/schemas';
import { CANCEL_REFUSED_ACTION, reportCancelRefusal } from '../../shared/fulfilment/cancel-refusal';
import { appKey } from '../../shared/store/keys/app';
import { jdIntent } from '../support/jd-vop';

const ddb = mockClient(DynamoDBDocumentClient);
const AT = new Date('2026-01-01T00:00:05.000Z');
const intent = jdIntent({ status: 'CANCELLED', orderId: '240000000001' });
const REASON = '3204 不能取消已经生产订单';

beforeEach(() => {
  ddb.reset();
});

const appOwnedBy = (orgId?: string) =>
  ddb.on(GetCommand, { Key: appKey(intent.appId) }).resolves({
    Item: { ...appKey(intent.appId), appId: intent.appId, name: 'a', status: 'ACTIVE', ...(orgId ? { orgId } : {}) },
  });

describe('a refused platform cancel', () => {
  it('writes the console audit entry with the intent record, in one transaction, once', async () => {
    appOwnedBy('org_1');
    ddb.on(TransactWriteCommand).resolves({});

    await reportCancelRefusal(intent, '240000000001', REASON, AT);

    const [record, entry] = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(record!.Put).toMatchObject({
      Item: { sk: 'AUDIT#CANCEL_REFUSED#240000000001', action: 'PLATFORM_CANCEL_REFUSED', reason: REASON },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    const item = entry!.Put!.Item!;
    expect(item).toMatchObject({
      pk: 'AUDIT#org_1',
      action: CANCEL_REFUSED_ACTION,
      appId: intent.appId,
      actor: { sub: 'system', email: 'system (JD)' },
      detail: { intentId: intent.id, platform: 'JD', orderId: '240000000001', reason: REASON },
      at: AT.toISOString(),
    });
    expect(JSON.stringify(item)).not.toMatch(/13800138000|建国路|张三/);

    // What the console's audit page reads back is a valid entry of its API.
    ddb.on(QueryCommand).resolves({ Items: [item] });
    const { items } = await listAudit('org_1', 20);
    expect(auditEntrySchema.parse(items[0])).toMatchObject({ action: CANCEL_REFUSED_ACTION, appId: intent.appId });
  });

  it('a redelivered record finds it recorded and writes nothing more', async () => {
    appOwnedBy('org_1');
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );

    await expect(reportCancelRefusal(intent, '240000000001', REASON, AT)).resolves.toBeUndefined();
  });

  it('an app no organisation owns gets the intent record only', async () => {
    appOwnedBy(undefined);
    ddb.on(PutCommand).resolves({});

    await reportCancelRefusal(intent, '240000000001', REASON, AT);

    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
      Item: { sk: 'AUDIT#CANCEL_REFUSED#240000000001' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('any other failure is thrown, so the stream record is retried', async () => {
    appOwnedBy('org_1');
    ddb.on(TransactWriteCommand).rejects(Object.assign(new Error('down'), { name: 'InternalServerError' }));

    await expect(reportCancelRefusal(intent, '240000000001', REASON, AT)).rejects.toThrow('down');
  });
});
