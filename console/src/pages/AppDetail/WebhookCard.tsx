// Sends a signed ping to the app's webhook URL now and shows the outcome inline.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { testWebhook } from '../../services/apps';
import type { ConsoleApp } from '../../services/types';

export function WebhookCard({ app, canWrite }: { app: ConsoleApp; canWrite: boolean }) {
  const { t } = useTranslation();
  const test = useMutation({ mutationFn: () => testWebhook(app.appId) });
  const result = test.data;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.webhook')}</h2>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{app.webhookUrl ?? t('webhook.noUrl')}</Typography.Text>
        {canWrite && (
          <Space>
            <Button onClick={() => test.mutate()} loading={test.isPending} disabled={!app.webhookUrl}>
              {t('webhook.test')}
            </Button>
            <Typography.Text type="secondary">{t('webhook.testHelp')}</Typography.Text>
          </Space>
        )}
        <div aria-live="polite">
          {test.error && <Alert type="error" showIcon title={test.error.message} />}
          {result && (
            <Alert
              type={result.ok ? 'success' : 'error'}
              showIcon
              title={result.ok ? t('webhook.ok') : t('webhook.failed')}
              description={
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'status', label: t('webhook.status'), children: result.status ?? '—' },
                    {
                      key: 'latency',
                      label: t('webhook.latency'),
                      children: t('webhook.latencyValue', { ms: result.latencyMs }),
                    },
                    ...(result.error ? [{ key: 'error', label: t('webhook.error'), children: result.error }] : []),
                  ]}
                />
              }
            />
          )}
        </div>
      </Space>
    </Card>
  );
}
