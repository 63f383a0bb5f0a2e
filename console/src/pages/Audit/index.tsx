// The organisation's audit log, newest first, for owners: who did what to which app, when, from where.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../hooks/useMe';
import { auditKeys } from '../../services/keys';
import { listAudit } from '../../services/team';
import type { AuditEntry } from '../../services/types';
import { formatTime } from '../../utils/format';

export default function Audit() {
  const { t } = useTranslation();
  const me = useMe();
  const audit = useInfiniteQuery({
    queryKey: auditKeys.all,
    queryFn: ({ pageParam }) => listAudit(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: me.isOwner,
  });
  if (me.data && !me.isOwner)
    return (
      <>
        <PageHeader title={t('audit.title')} />
        <Alert type="info" showIcon title={t('audit.ownersOnly')} />
      </>
    );
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      <Table<AuditEntry>
        rowKey={(e) => `${e.at}-${e.actor.sub}-${e.action}-${e.appId ?? ''}`}
        loading={audit.isPending && me.isOwner}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('common.empty')}</EmptyText> }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: formatTime },
          { title: t('audit.actor'), dataIndex: ['actor', 'email'] },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
          },
          { title: t('audit.appId'), dataIndex: 'appId', render: (id?: string) => id ?? '—' },
          { title: t('audit.sourceIp'), dataIndex: 'sourceIp' },
          {
            title: t('audit.detail'),
            dataIndex: 'detail',
            render: (d?: Record<string, unknown>) =>
              d ? <span style={{ wordBreak: 'break-all' }}>{JSON.stringify(d)}</span> : '—',
          },
        ]}
      />
      {audit.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </>
  );
}
