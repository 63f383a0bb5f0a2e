// Partners' organisations, for operators: create one and invite its first owner (what `npm run accounts -- invite`
// does), and read any organisation's audit log (or the operators' own, OPERATORS).
import type { AuditEntry } from '@shared/console/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { opsKeys } from '../../services/keys';
import { createOrganisation, orgAudit } from '../../services/ops';
import { formatTime } from '../../utils/format';
import { showApiError } from '../../utils/forms';

interface CreateValues {
  name: string;
  ownerEmail: string;
}

export default function OpsOrganisations() {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const [formError, setFormError] = useState<string>();
  const [orgId, setOrgId] = useState('OPERATORS');
  const create = useMutation({
    mutationFn: (v: CreateValues) => createOrganisation({ name: v.name.trim(), ownerEmail: v.ownerEmail.trim() }),
    onSuccess: (created) => setOrgId(created.orgId),
    onError: (error) => setFormError(showApiError(form, error, ['name', 'ownerEmail'])),
  });
  const audit = useQuery({ queryKey: opsKeys.audit(orgId), queryFn: () => orgAudit(orgId), enabled: orgId !== '' });
  return (
    <>
      <PageHeader title={t('ops.organisations')} />
      <Flex vertical gap={16}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('ops.createOrg')}</h2>}>
          <Form<CreateValues>
            form={form}
            layout="inline"
            style={{ rowGap: 8 }}
            onFinish={(v) => {
              setFormError(undefined);
              create.mutate(v);
            }}
          >
            <Form.Item name="name" label={t('ops.orgName')} rules={[{ required: true, message: t('ops.required') }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="ownerEmail"
              label={t('ops.ownerEmail')}
              rules={[{ required: true, message: t('ops.required') }]}
            >
              <Input type="email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('ops.createOrg')}
            </Button>
          </Form>
          {formError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={formError} />}
          {create.data && (
            <Alert
              style={{ marginTop: 12 }}
              type="success"
              showIcon
              title={t('ops.orgCreated', { orgId: create.data.orgId, email: create.data.email })}
              description={
                create.data.temporaryPassword && (
                  <span>
                    {t('ops.temporaryPassword')}:{' '}
                    <Typography.Text code>{create.data.temporaryPassword}</Typography.Text>
                  </span>
                )
              }
            />
          )}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('audit.title')}</h2>}>
          <Form
            layout="inline"
            style={{ marginBottom: 12 }}
            onFinish={(v: { orgId: string }) => setOrgId(v.orgId.trim())}
          >
            <Form.Item name="orgId" label={t('ops.orgId')} initialValue="OPERATORS" extra={t('ops.orgIdHint')}>
              <Input style={{ width: 280 }} />
            </Form.Item>
            <Button htmlType="submit">{t('ops.auditOf')}</Button>
          </Form>
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
          <Table<AuditEntry>
            rowKey={(e) => `${e.at}-${e.actor.sub}-${e.action}`}
            size="small"
            loading={audit.isPending && orgId !== ''}
            dataSource={audit.data?.items}
            pagination={false}
            locale={{ emptyText: <EmptyText>{t('common.empty')}</EmptyText> }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', render: formatTime },
              { title: t('audit.actor'), dataIndex: ['actor', 'email'] },
              { title: t('audit.action'), dataIndex: 'action' },
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
        </Card>
      </Flex>
    </>
  );
}
