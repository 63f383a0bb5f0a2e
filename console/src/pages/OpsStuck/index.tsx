// Stuck intents (what the watchdog reports): SUBMITTED or PROCESSING unchanged for too long, every app, oldest
// first. Run the adapter again, or open the intent to claim and fail it.
import type { StuckEntry } from '@shared/console/ops-schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { withFeedback } from '../../components/WithFeedback';
import { opsKeys } from '../../services/keys';
import { listStuck, retryIntent } from '../../services/ops';
import { formatTime } from '../../utils/format';

function OpsStuck() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<number | undefined>();
  const stuck = useQuery({ queryKey: opsKeys.stuck(minutes), queryFn: () => listStuck(minutes) });
  const again = useMutation({
    mutationFn: retryIntent,
    onSuccess: (view) => {
      void message.info(`${view.intent.id}: ${view.intent.status}`);
      void queryClient.invalidateQueries({ queryKey: [...opsKeys.all, 'stuck'] });
    },
    onError: (error) => void message.error((error as Error).message),
  });
  return (
    <>
      <PageHeader
        title={t('ops.stuck')}
        extra={
          <Space>
            <label htmlFor="stuck-minutes">{t('ops.stuckMinutes')}</label>
            <InputNumber
              id="stuck-minutes"
              min={0}
              precision={0}
              placeholder="60"
              onChange={(v) => setMinutes(v ?? undefined)}
            />
          </Space>
        }
      />
      <QueryError error={stuck.error} onRetry={() => void stuck.refetch()} />
      <Table<StuckEntry>
        rowKey="id"
        loading={stuck.isPending}
        dataSource={stuck.data?.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText>{t('common.empty')}</EmptyText> }}
        columns={[
          { title: t('ops.waiting'), dataIndex: 'ageMinutes', render: (m: number) => t('ops.minutes', { count: m }) },
          { title: t('ops.status'), dataIndex: 'status' },
          { title: t('ops.platform'), dataIndex: 'platform' },
          { title: t('ops.app'), dataIndex: 'appName' },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: formatTime },
          {
            title: t('common.actions'),
            render: (_: unknown, e) => (
              <Space>
                <Button size="small" aria-label={`${t('ops.runAgain')} ${e.id}`} onClick={() => again.mutate(e.id)}>
                  {t('ops.runAgain')}
                </Button>
                <Link to={`/ops/intents/${e.id}`} aria-label={`${t('ops.open')} ${e.id}`}>
                  {t('ops.open')}
                </Link>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

export default withFeedback(OpsStuck);
