// Name, IP whitelist (with the caller's own address as a hint) and webhook URL.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../hooks/useMe';
import { updateApp } from '../../services/apps';
import { appKeys } from '../../services/keys';
import type { ConsoleApp } from '../../services/types';
import { showApiError, urlRule, whitelistLines, whitelistRule } from '../../utils/forms';

interface Values {
  name: string;
  ipWhitelist: string;
  webhookUrl: string;
}

const FIELDS = ['name', 'ipWhitelist', 'webhookUrl'] as const;

export function SettingsCard({ app, canWrite }: { app: ConsoleApp; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();

  const save = useMutation({
    mutationFn: (values: Values) =>
      updateApp(app.appId, {
        name: values.name.trim(),
        ipWhitelist: whitelistLines(values.ipWhitelist),
        webhookUrl: values.webhookUrl?.trim() ? values.webhookUrl.trim() : null,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(appKeys.detail(app.appId), updated);
      void queryClient.invalidateQueries({ queryKey: appKeys.list() });
      void message.success(t('common.saved'));
    },
    onError: (error) => setFormError(showApiError(form, error, FIELDS)),
  });

  const myIp = me.data?.sourceIp;
  const addMyIp = () => {
    if (!myIp) return;
    const lines = whitelistLines(form.getFieldValue('ipWhitelist'));
    if (!lines.includes(myIp)) form.setFieldValue('ipWhitelist', [...lines, myIp].join('\n'));
    void form.validateFields(['ipWhitelist']);
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.settings')}</h2>}>
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!canWrite}
        style={{ maxWidth: 640 }}
        initialValues={{ name: app.name, ipWhitelist: app.ipWhitelist.join('\n'), webhookUrl: app.webhookUrl ?? '' }}
        onFinish={(values) => {
          setFormError(undefined);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="name"
          label={t('apps.name')}
          rules={[{ required: true, whitespace: true, message: t('create.nameRequired') }, { max: 64 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="ipWhitelist"
          label={t('apps.ipWhitelist')}
          rules={[whitelistRule(t)]}
          extra={
            myIp && (
              <Space>
                <Typography.Text type="secondary">{t('detail.yourIp', { ip: myIp })}</Typography.Text>
                <Button size="small" htmlType="button" onClick={addMyIp}>
                  {t('detail.addYourIp')}
                </Button>
              </Space>
            )
          }
        >
          <Input.TextArea rows={3} placeholder={t('detail.whitelistPlaceholder')} />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t('apps.webhookUrl')} rules={[urlRule(t)]}>
          <Input placeholder={t('detail.webhookPlaceholder')} inputMode="url" />
        </Form.Item>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} role="alert" />}
        {canWrite && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
