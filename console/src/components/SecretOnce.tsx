// An App Secret shown exactly once (after create or rotate): a copy button and a plain warning. It lives only in
// this component's props; nothing caches or stores it, and the API never returns it again.
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function SecretOnce({ appId, secret }: { appId: string; secret: string }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('secret.title')}>
      <Alert type="warning" showIcon title={t('secret.warning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        <Typography.Text strong>{t('apps.appId')}: </Typography.Text>
        <Typography.Text code copyable data-testid="app-id">
          {appId}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text strong>{t('secret.title')}: </Typography.Text>
        <Typography.Text
          code
          data-testid="app-secret"
          copyable={{ text: secret, tooltips: [t('secret.copy'), t('common.copied')] }}
        >
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
    </section>
  );
}
