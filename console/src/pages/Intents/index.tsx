// An app's intents with the partner API's own filters, sorting and server-side paging. The query lives in the
// URL, so a filtered page can be bookmarked, shared and reloaded.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { getApp } from '../../services/apps';
import type { Query } from '../../services/http';
import { listIntents } from '../../services/intents';
import { appKeys, intentKeys } from '../../services/keys';
import { formatTime, formatYuan } from '../../utils/format';
import { PLATFORMS, STATUSES, statusColor } from './options';

type Row = Record<string, unknown> & { id: string };

interface Filters {
  status?: string;
  platform?: string;
  userId?: string;
  range?: [Dayjs, Dayjs] | null;
}

const PARAMS = ['status', 'platform', 'userId', 'startDate', 'endDate', 'sortBy', 'order', 'page', 'pageSize'];

export default function Intents() {
  const { t } = useTranslation();
  const { appId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const app = useQuery({ queryKey: appKeys.detail(appId), queryFn: () => getApp(appId) });

  const query: Query = Object.fromEntries(PARAMS.map((p) => [p, params.get(p) ?? undefined]));
  const intents = useQuery({
    queryKey: intentKeys.list(appId, query),
    queryFn: () => listIntents(appId, query),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  const search = (values: Filters) =>
    update({
      status: values.status,
      platform: values.platform,
      userId: values.userId?.trim(),
      // The reader's own days, sent as instants: the API reads a bare date as a UTC day.
      startDate: values.range?.[0]?.startOf('day').toISOString(),
      endDate: values.range?.[1]?.endOf('day').toISOString(),
      page: undefined,
    });

  const sortOrder = (field: string) =>
    (params.get('sortBy') ?? 'createdAt') === field ? (params.get('order') === 'asc' ? 'ascend' : 'descend') : null;
  const start = params.get('startDate');
  const end = params.get('endDate');

  return (
    <>
      <PageHeader title={t('intents.title')} sub={app.data && t('intents.subtitle', { app: app.data.name })} />
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters>
          form={form}
          layout="inline"
          onFinish={search}
          initialValues={{
            status: params.get('status') ?? undefined,
            platform: params.get('platform') ?? undefined,
            userId: params.get('userId') ?? '',
            range: start && end ? [dayjs(start), dayjs(end)] : null,
          }}
        >
          <Form.Item name="status" label={t('intents.status')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('intents.allStatuses')}
              options={STATUSES.map((s) => ({ value: s, label: t(`intents.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="platform" label={t('intents.platform')}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t('intents.allPlatforms')}
              options={PLATFORMS.map((p) => ({ value: p, label: t(`intents.${p}`) }))}
            />
          </Form.Item>
          <Form.Item name="userId" label={t('intents.userId')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="range" label={t('intents.dateRange')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('intents.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setParams(new URLSearchParams());
              }}
            >
              {t('intents.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <QueryError error={intents.error} onRetry={() => void intents.refetch()} />
      <Table<Row>
        rowKey="id"
        loading={intents.isFetching}
        dataSource={intents.data?.items as Row[] | undefined}
        locale={{ emptyText: <EmptyText>{t('common.empty')}</EmptyText> }}
        pagination={{
          current: intents.data?.page ?? Number(params.get('page') ?? 1),
          pageSize: intents.data?.pageSize ?? Number(params.get('pageSize') ?? 20),
          total: intents.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('intents.total', { total }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = sorter as SorterResult<Row>;
          update({
            page: String(pagination.current ?? 1),
            pageSize: String(pagination.pageSize ?? 20),
            sortBy: s.order ? String(s.field) : undefined,
            order: s.order ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
          });
        }}
        columns={[
          {
            title: t('intents.id'),
            dataIndex: 'id',
            render: (id: string) => (
              <Link to={`/apps/${encodeURIComponent(appId)}/intents/${encodeURIComponent(id)}`}>{id}</Link>
            ),
          },
          { title: t('intents.userId'), dataIndex: 'userId' },
          { title: t('intents.platform'), dataIndex: 'platform', render: (p: string) => t(`intents.${p}`, p) },
          { title: t('intents.productTitle'), dataIndex: 'title', ellipsis: true },
          {
            title: t('intents.price'),
            dataIndex: 'price',
            sorter: true,
            sortOrder: sortOrder('price'),
            render: formatYuan,
          },
          { title: t('intents.quantity'), dataIndex: 'quantity' },
          { title: t('intents.totalAmount'), dataIndex: 'totalAmount', render: formatYuan },
          {
            title: t('intents.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={statusColor(s)}>{t(`intents.${s}`, s)}</Tag>,
          },
          {
            title: t('common.createdAt'),
            dataIndex: 'createdAt',
            sorter: true,
            sortOrder: sortOrder('createdAt'),
            render: formatTime,
          },
          {
            title: t('common.updatedAt'),
            dataIndex: 'updatedAt',
            sorter: true,
            sortOrder: sortOrder('updatedAt'),
            render: formatTime,
          },
        ]}
      />
    </>
  );
}
