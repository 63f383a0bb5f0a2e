// One intent as the partner API shows it (phone already masked by the API) and its status history.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { getIntent, getIntentEvents } from '../../services/intents';
import { intentKeys } from '../../services/keys';
import { formatTime, formatYuan } from '../../utils/format';
import { statusColor } from '../Intents/options';

export default function IntentDetail() {
  const { t } = useTranslation();
  const { appId = '', intentId = '' } = useParams();
  const intent = useQuery({ queryKey: intentKeys.detail(appId, intentId), queryFn: () => getIntent(appId, intentId) });
  const events = useQuery({
    queryKey: intentKeys.events(appId, intentId),
    queryFn: () => getIntentEvents(appId, intentId),
  });
  const i = intent.data;
  const label = (s: string | null | undefined) => (s ? t(`intents.${s}`, s) : '—');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={t('intents.detail')}
        sub={intentId}
        extra={<Link to={`/apps/${encodeURIComponent(appId)}/intents`}>{t('common.back')}</Link>}
      />
      <QueryError error={intent.error} onRetry={() => void intent.refetch()} />
      {i && (
        <Card>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'status',
                label: t('intents.status'),
                children: <Tag color={statusColor(i.status)}>{label(i.status)}</Tag>,
              },
              { key: 'userId', label: t('intents.userId'), children: i.userId },
              { key: 'platform', label: t('intents.platform'), children: label(i.platform) },
              { key: 'title', label: t('intents.productTitle'), children: i.title },
              { key: 'url', label: t('intents.productUrl'), children: i.productUrl },
              { key: 'price', label: t('intents.price'), children: formatYuan(i.price) },
              { key: 'quantity', label: t('intents.quantity'), children: i.quantity },
              { key: 'total', label: t('intents.totalAmount'), children: formatYuan(i.totalAmount) },
              { key: 'recipient', label: t('intents.recipientName'), children: i.recipientName },
              { key: 'phone', label: t('intents.phone'), children: i.phone },
              { key: 'address', label: t('intents.address'), children: i.address },
              { key: 'remarks', label: t('intents.remarks'), children: i.remarks ?? '—' },
              { key: 'order', label: t('intents.orderId'), children: i.orderId ?? '—' },
              {
                key: 'tracking',
                label: t('intents.tracking'),
                children: i.trackingNumber ? `${i.trackingCompany ?? ''} ${i.trackingNumber}` : '—',
              },
              ...(i.failureReason
                ? [
                    {
                      key: 'failure',
                      label: t('intents.failure'),
                      children: `${i.failureCode ?? ''} ${i.failureReason}`,
                    },
                  ]
                : []),
              { key: 'created', label: t('common.createdAt'), children: formatTime(i.createdAt) },
              { key: 'updated', label: t('common.updatedAt'), children: formatTime(i.updatedAt) },
            ]}
          />
        </Card>
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('intents.events')}</h2>}>
        <QueryError error={events.error} onRetry={() => void events.refetch()} />
        <Timeline
          items={(events.data?.items ?? []).map((e) => ({
            key: `${e.at}-${e.to}`,
            color: statusColor(e.to),
            children: (
              <Space wrap>
                <span>{formatTime(e.at)}</span>
                <span>
                  {label(e.from)} → {label(e.to)}
                </span>
                {e.actor && <Tag>{e.actor}</Tag>}
              </Space>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
