// One app: its settings, secrets, webhook and deliveries, and disabling/enabling it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { withFeedback } from '../../components/WithFeedback';
import { useMe } from '../../hooks/useMe';
import { getApp, setAppEnabled } from '../../services/apps';
import { appKeys } from '../../services/keys';
import { TAG } from '../../utils/colors';
import { formatTime } from '../../utils/format';
import { DeliveriesCard } from './DeliveriesCard';
import { SecretsCard } from './SecretsCard';
import { SettingsCard } from './SettingsCard';
import { WebhookCard } from './WebhookCard';

function AppDetail() {
  const { t } = useTranslation();
  const { appId = '' } = useParams();
  const { canWrite } = useMe();
  const { modal, message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const app = useQuery({ queryKey: appKeys.detail(appId), queryFn: () => getApp(appId) });

  const toggle = useMutation({
    mutationFn: (enabled: boolean) => setAppEnabled(appId, enabled),
    onSuccess: (updated) => {
      queryClient.setQueryData(appKeys.detail(appId), updated);
      void queryClient.invalidateQueries({ queryKey: appKeys.list() });
    },
    onError: (error) => void message.error(error.message),
  });

  if (!app.data) return app.error ? <QueryError error={app.error} onRetry={() => void app.refetch()} /> : null;
  const current = app.data;
  const active = current.status === 'ACTIVE';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader
        title={current.name}
        sub={
          <Space>
            <Typography.Text code copyable>
              {current.appId}
            </Typography.Text>
            <Tag color={active ? TAG.green : TAG.gray}>{t(`apps.${current.status}`)}</Tag>
          </Space>
        }
        extra={
          <Space>
            <Link to={`/apps/${encodeURIComponent(appId)}/intents`}>{t('apps.intents')}</Link>
            {canWrite && (
              <Button
                danger={active}
                loading={toggle.isPending}
                onClick={() =>
                  modal.confirm({
                    title: active ? t('detail.disable') : t('detail.enable'),
                    content: active ? t('detail.disableConfirm') : t('detail.enableConfirm'),
                    okText: active ? t('detail.disable') : t('detail.enable'),
                    cancelText: t('common.cancel'),
                    okButtonProps: { danger: active },
                    onOk: () => toggle.mutateAsync(!active),
                  })
                }
              >
                {active ? t('detail.disable') : t('detail.enable')}
              </Button>
            )}
          </Space>
        }
      />
      {!canWrite && <Alert type="info" showIcon title={t('common.readOnly')} />}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'limits', label: t('apps.limits'), children: t('apps.limitsValue', current.limits) },
          { key: 'created', label: t('common.createdAt'), children: formatTime(current.createdAt) },
          { key: 'updated', label: t('common.updatedAt'), children: formatTime(current.updatedAt) },
        ]}
      />
      <SettingsCard app={current} canWrite={canWrite} />
      <SecretsCard app={current} canWrite={canWrite} />
      <WebhookCard app={current} canWrite={canWrite} />
      <DeliveriesCard appId={appId} canWrite={canWrite} />
    </Space>
  );
}

export default withFeedback(AppDetail);
