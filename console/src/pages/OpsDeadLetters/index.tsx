// Webhook deliveries that exhausted their retries, grouped by app; redrive one, or all of an app's, once the
// partner's receiver works again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Flex, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { withFeedback } from '../../components/WithFeedback';
import { opsKeys } from '../../services/keys';
import { listDeadLetters, redrive } from '../../services/ops';
import type { Delivery } from '../../services/types';
import { formatTime } from '../../utils/format';

function OpsDeadLetters() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const dead = useQuery({ queryKey: opsKeys.deadLetters(), queryFn: listDeadLetters });
  const again = useMutation({
    mutationFn: ({ appId, deliveryId }: { appId: string; deliveryId?: string }) => redrive(appId, deliveryId),
    onSuccess: ({ results }) => {
      void message.info(t('ops.redriven', { count: results.length, ok: results.filter((r) => r.ok).length }));
      void queryClient.invalidateQueries({ queryKey: opsKeys.deadLetters() });
    },
    onError: (error) => void message.error((error as Error).message),
  });
  const groups = dead.data?.apps ?? [];
  return (
    <>
      <PageHeader title={t('ops.deadLetters')} />
      <QueryError error={dead.error} onRetry={() => void dead.refetch()} />
      {dead.data && groups.length === 0 && <EmptyText>{t('ops.noDeadLetters')}</EmptyText>}
      <Flex vertical gap={16}>
        {groups.map((group) => (
          <Card
            key={group.appId}
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${group.appName} (${group.appId})`}</h2>}
            extra={
              <Button onClick={() => again.mutate({ appId: group.appId })} loading={again.isPending}>
                {t('ops.redriveAll')}
              </Button>
            }
          >
            <Table<Delivery>
              rowKey="deliveryId"
              size="small"
              dataSource={group.items}
              pagination={false}
              columns={[
                { title: t('ops.event'), dataIndex: 'type' },
                { title: t('ops.intent'), dataIndex: 'intentId', render: (id?: string) => id ?? '—' },
                { title: t('ops.attempts'), dataIndex: 'attempts' },
                { title: t('ops.lastError'), dataIndex: 'lastError', render: (e?: string) => e ?? '—' },
                { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatTime },
                {
                  title: t('common.actions'),
                  render: (_: unknown, d) => (
                    <Button
                      size="small"
                      aria-label={`${t('ops.redrive')} ${d.deliveryId}`}
                      onClick={() => again.mutate({ appId: group.appId, deliveryId: d.deliveryId })}
                    >
                      {t('ops.redrive')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        ))}
      </Flex>
    </>
  );
}

export default withFeedback(OpsDeadLetters);
