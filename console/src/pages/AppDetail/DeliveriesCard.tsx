// The latest webhook deliveries of an app, with redelivery for the failed and dead-lettered ones.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText';
import { QueryError } from '../../components/QueryError';
import { listDeliveries, redeliver } from '../../services/apps';
import { appKeys } from '../../services/keys';
import type { Delivery, DeliveryState } from '../../services/types';
import { TAG } from '../../utils/colors';
import { formatTime } from '../../utils/format';

const STATE_COLOR: Record<DeliveryState, string> = {
  PENDING: TAG.blue,
  DELIVERED: TAG.green,
  FAILED: TAG.orange,
  DEAD: TAG.red,
};

export function DeliveriesCard({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const deliveries = useQuery({ queryKey: appKeys.deliveries(appId), queryFn: () => listDeliveries(appId) });
  const again = useMutation({
    mutationFn: (deliveryId: string) => redeliver(appId, deliveryId),
    onSuccess: () => {
      void message.success(t('deliveries.redelivered'));
      void queryClient.invalidateQueries({ queryKey: appKeys.deliveries(appId) });
    },
    onError: (error) => void message.error(error.message),
  });

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.deliveries')}</h2>}>
      <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      <Table<Delivery>
        rowKey="deliveryId"
        size="small"
        loading={deliveries.isPending}
        dataSource={deliveries.data?.items}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('deliveries.empty')}</EmptyText> }}
        columns={[
          { title: t('deliveries.type'), dataIndex: 'type' },
          { title: t('deliveries.intentId'), dataIndex: 'intentId', render: (id?: string) => id ?? '—' },
          {
            title: t('deliveries.state'),
            dataIndex: 'state',
            render: (state: DeliveryState) => <Tag color={STATE_COLOR[state]}>{t(`deliveries.${state}`)}</Tag>,
          },
          { title: t('deliveries.attempts'), dataIndex: 'attempts' },
          { title: t('deliveries.lastStatus'), dataIndex: 'lastStatus', render: (s?: number) => s ?? '—' },
          { title: t('deliveries.lastError'), dataIndex: 'lastError', render: (e?: string) => e ?? '—' },
          { title: t('deliveries.nextAttemptAt'), dataIndex: 'nextAttemptAt', render: formatTime },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, d: Delivery) =>
                    (d.state === 'FAILED' || d.state === 'DEAD') && (
                      <Button
                        size="small"
                        loading={again.isPending && again.variables === d.deliveryId}
                        onClick={() => again.mutate(d.deliveryId)}
                      >
                        {t('deliveries.redeliver')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
