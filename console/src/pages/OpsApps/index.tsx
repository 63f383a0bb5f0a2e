// Apps of every organisation, for operators: disable or enable one, change its rate limits and its price tolerance
// (how far above the submitted unit price an order may be completed).
import type { OpsApp } from '@shared/console/ops-schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { withFeedback } from '../../components/WithFeedback';
import { opsKeys } from '../../services/keys';
import { listOpsApps, updateOpsApp } from '../../services/ops';
import { TAG } from '../../utils/colors';
import { showApiError } from '../../utils/forms';

interface Values {
  priceTolerancePercent: number;
  create: number;
  query: number;
  update: number;
}

function OpsApps() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const apps = useQuery({ queryKey: opsKeys.apps(), queryFn: listOpsApps });
  const [editing, setEditing] = useState<OpsApp>();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();
  const save = useMutation({
    mutationFn: ({ appId, body }: { appId: string; body: Parameters<typeof updateOpsApp>[1] }) =>
      updateOpsApp(appId, body),
    onSuccess: () => {
      setEditing(undefined);
      void queryClient.invalidateQueries({ queryKey: opsKeys.apps() });
      void message.success(t('common.saved'));
    },
    onError: (error) => setFormError(showApiError(form, error, ['priceTolerancePercent'])),
  });
  const open = (app: OpsApp) => {
    setFormError(undefined);
    form.setFieldsValue({ priceTolerancePercent: app.priceTolerancePercent, ...app.limits });
    setEditing(app);
  };
  return (
    <>
      <PageHeader title={t('ops.apps')} />
      <QueryError error={apps.error} onRetry={() => void apps.refetch()} />
      <Table<OpsApp>
        rowKey="appId"
        loading={apps.isPending}
        dataSource={apps.data?.items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyText>{t('common.empty')}</EmptyText> }}
        columns={[
          { title: t('apps.name'), dataIndex: 'name' },
          { title: t('apps.appId'), dataIndex: 'appId' },
          { title: t('ops.orgId'), dataIndex: 'orgId', render: (o?: string) => o ?? '—' },
          {
            title: t('apps.status'),
            dataIndex: 'status',
            render: (s: OpsApp['status']) => <Tag color={s === 'ACTIVE' ? TAG.green : TAG.gray}>{t(`apps.${s}`)}</Tag>,
          },
          { title: t('ops.limits'), dataIndex: 'limits', render: (l: OpsApp['limits']) => t('apps.limitsValue', l) },
          {
            title: t('ops.tolerance'),
            dataIndex: 'priceTolerancePercent',
            render: (v: number) => t('ops.percent', { value: v }),
          },
          {
            title: t('common.actions'),
            render: (_: unknown, app) => (
              <Space>
                <Button size="small" aria-label={`${t('ops.edit')} ${app.name}`} onClick={() => open(app)}>
                  {t('ops.edit')}
                </Button>
                <Button
                  size="small"
                  danger={app.status === 'ACTIVE'}
                  onClick={() =>
                    save.mutate({ appId: app.appId, body: { status: app.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE' } })
                  }
                >
                  {app.status === 'ACTIVE' ? t('ops.disable') : t('ops.enable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(editing)}
        title={editing && t('ops.editApp', { name: editing.name })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        destroyOnHidden={false}
        forceRender
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => {
            if (!editing) return;
            setFormError(undefined);
            save.mutate({
              appId: editing.appId,
              body: {
                priceTolerancePercent: v.priceTolerancePercent,
                limits: { create: v.create, query: v.query, update: v.update },
              },
            });
          }}
        >
          <Form.Item name="priceTolerancePercent" label={t('ops.toleranceLabel')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Space>
            <Form.Item name="create" label={t('ops.limitCreate')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} precision={0} />
            </Form.Item>
            <Form.Item name="query" label={t('ops.limitQuery')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} precision={0} />
            </Form.Item>
            <Form.Item name="update" label={t('ops.limitUpdate')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10000} precision={0} />
            </Form.Item>
          </Space>
          {formError && <Alert type="error" showIcon title={formError} />}
        </Form>
      </Modal>
    </>
  );
}

export default withFeedback(OpsApps);
