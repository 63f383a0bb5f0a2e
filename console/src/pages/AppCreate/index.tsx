// Create an app; its App Secret is shown once, right here, and never again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { SecretOnce } from '../../components/SecretOnce';
import { useMe } from '../../hooks/useMe';
import { createApp } from '../../services/apps';
import { appKeys } from '../../services/keys';
import type { AppWithSecretResponse } from '../../services/types';
import { showApiError, urlRule, whitelistLines, whitelistRule } from '../../utils/forms';

interface Values {
  name: string;
  ipWhitelist?: string;
  webhookUrl?: string;
}

const FIELDS = ['name', 'ipWhitelist', 'webhookUrl'] as const;

export default function AppCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();
  const [created, setCreated] = useState<AppWithSecretResponse>();

  const create = useMutation({
    mutationFn: (values: Values) =>
      createApp({
        name: values.name.trim(),
        ipWhitelist: whitelistLines(values.ipWhitelist),
        ...(values.webhookUrl?.trim() ? { webhookUrl: values.webhookUrl.trim() } : {}),
      }),
    onSuccess: (answer) => {
      setCreated(answer);
      void queryClient.invalidateQueries({ queryKey: appKeys.list() });
    },
    onError: (error) => setFormError(showApiError(form, error, FIELDS)),
  });

  if (created)
    return (
      <>
        <PageHeader title={t('create.done')} sub={created.app.name} />
        <Card>
          <SecretOnce appId={created.app.appId} secret={created.appSecret} />
          <Button type="primary" onClick={() => navigate(`/apps/${encodeURIComponent(created.app.appId)}`)}>
            {t('secret.acknowledge')}
          </Button>
        </Card>
      </>
    );

  return (
    <>
      <PageHeader title={t('create.title')} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          onFinish={(values) => {
            setFormError(undefined);
            create.mutate(values);
          }}
        >
          <Form.Item
            name="name"
            label={t('apps.name')}
            rules={[{ required: true, whitespace: true, message: t('create.nameRequired') }, { max: 64 }]}
          >
            <Input placeholder={t('create.namePlaceholder')} autoFocus />
          </Form.Item>
          <Form.Item
            name="ipWhitelist"
            label={t('apps.ipWhitelist')}
            extra={t('create.whitelistHelp', { ip: me.data?.sourceIp ?? '—' })}
            rules={[whitelistRule(t)]}
          >
            <Input.TextArea rows={3} placeholder={t('detail.whitelistPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="webhookUrl"
            label={t('apps.webhookUrl')}
            extra={t('create.webhookHelp')}
            rules={[urlRule(t)]}
          >
            <Input placeholder={t('detail.webhookPlaceholder')} inputMode="url" />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} role="alert" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('create.submit')}
            </Button>
            <Button onClick={() => navigate('/apps')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
