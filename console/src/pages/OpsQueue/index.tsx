// The manual fulfilment queue (operators): intents waiting for a person, oldest first, across all apps, with the
// count per platform, filters by platform, organisation and age, and who holds each claim.

import type { QueueEntry } from '@shared/console/ops-schemas';
import { PLATFORMS } from '@shared/domain/intent';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import type { Query } from '../../services/http';
import { opsKeys } from '../../services/keys';
import { getQueue } from '../../services/ops';
import { TAG } from '../../utils/colors';
import { formatTime, formatYuan } from '../../utils/format';

interface Filters {
  platform?: string;
  orgId?: string;
  minAgeMinutes?: number | null;
}

export default function OpsQueue() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<Query>({});
  const queue = useQuery({ queryKey: opsKeys.queue(query), queryFn: () => getQueue(query), refetchInterval: 15_000 });
  const counts = queue.data?.countsByPlatform ?? {};
  return (
    <>
      <PageHeader
        title={t('ops.queue')}
        sub={
          <Space wrap>
            {Object.entries(counts).map(([platform, count]) => (
              <Tag key={platform} color={TAG.blue}>
                {t('ops.count', { platform, count })}
              </Tag>
            ))}
          </Space>
        }
      />
      <Form<Filters>
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(f) =>
          setQuery({ platform: f.platform, orgId: f.orgId?.trim() || undefined, minAgeMinutes: f.minAgeMinutes })
        }
      >
        <Form.Item name="platform" label={t('ops.platform')}>
          <Select
            allowClear
            placeholder={t('ops.allPlatforms')}
            style={{ width: 160 }}
            options={PLATFORMS.map((p) => ({ value: p, label: p }))}
          />
        </Form.Item>
        <Form.Item name="orgId" label={t('ops.orgId')}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="minAgeMinutes" label={t('ops.minAge')}>
          <InputNumber min={0} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Button htmlType="submit">{t('common.confirm')}</Button>
      </Form>
      <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      <Table<QueueEntry>
        rowKey="id"
        loading={queue.isPending}
        dataSource={queue.data?.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText>{t('ops.queueEmpty')}</EmptyText> }}
        columns={[
          {
            title: t('ops.waiting'),
            dataIndex: 'ageMinutes',
            render: (m: number, e) => <span title={formatTime(e.waitingSince)}>{t('ops.minutes', { count: m })}</span>,
          },
          { title: t('ops.platform'), dataIndex: 'platform' },
          { title: t('ops.title'), dataIndex: 'title' },
          { title: t('ops.price'), dataIndex: 'price', render: formatYuan },
          { title: t('ops.quantity'), dataIndex: 'quantity' },
          { title: t('ops.app'), dataIndex: 'appName' },
          {
            title: t('ops.claim'),
            dataIndex: 'claim',
            render: (c: QueueEntry['claim']) =>
              !c ? (
                t('ops.free')
              ) : c.mine ? (
                <Tag color={TAG.green}>{t('ops.mine', { time: formatTime(c.expiresAt) })}</Tag>
              ) : (
                <Tag color={TAG.orange}>
                  {t('ops.claimedBy', { email: c.holderEmail, time: formatTime(c.expiresAt) })}
                </Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_: unknown, e) => (
              <Link to={`/ops/intents/${e.id}`} aria-label={`${t('ops.open')} ${e.id}`}>
                {t('ops.open')}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
