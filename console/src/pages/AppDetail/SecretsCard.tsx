// The live secrets (creation time, the previous one's expiry), rotation with a chosen grace period and revoking the
// previous secret. A new secret is shown once, inside the rotate dialog.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretOnce } from '../../components/SecretOnce';
import { revokePreviousSecret, rotateSecret } from '../../services/apps';
import { appKeys } from '../../services/keys';
import type { ConsoleApp } from '../../services/types';
import { TAG } from '../../utils/colors';
import { formatTime } from '../../utils/format';

/** Radio values are strings; 'revoke' keeps the old secret until it is revoked (graceHours null). */
const GRACE = [
  { value: '1', hours: 1, label: 'secrets.grace1h' },
  { value: '24', hours: 24, label: 'secrets.grace24h' },
  { value: '168', hours: 168, label: 'secrets.grace7d' },
  { value: 'revoke', hours: null, label: 'secrets.graceRevoke' },
  { value: '0', hours: 0, label: 'secrets.grace0' },
] as const;

export function SecretsCard({ app, canWrite }: { app: ConsoleApp; canWrite: boolean }) {
  const { t } = useTranslation();
  const { modal, message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [grace, setGrace] = useState<string>('24');
  const [newSecret, setNewSecret] = useState<string>();

  const updated = (next: ConsoleApp) => {
    queryClient.setQueryData(appKeys.detail(app.appId), next);
    void queryClient.invalidateQueries({ queryKey: appKeys.list() });
  };
  const rotate = useMutation({
    mutationFn: () => rotateSecret(app.appId, { graceHours: GRACE.find((g) => g.value === grace)?.hours ?? null }),
    onSuccess: (answer) => {
      updated(answer.app);
      setNewSecret(answer.appSecret);
      void message.success(t('secrets.rotated'));
    },
  });
  const revoke = useMutation({
    mutationFn: () => revokePreviousSecret(app.appId),
    onSuccess: (next) => {
      updated(next);
      void message.success(t('secrets.revoked'));
    },
    onError: (error) => void message.error(error.message),
  });

  const close = () => {
    setOpen(false);
    setNewSecret(undefined);
    rotate.reset();
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.secrets')}</h2>}
      extra={
        canWrite && (
          <Space>
            {app.secrets.length > 1 && (
              <Button
                danger
                loading={revoke.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('secrets.revoke'),
                    content: t('secrets.revokeConfirm'),
                    okText: t('secrets.revoke'),
                    cancelText: t('common.cancel'),
                    okButtonProps: { danger: true },
                    onOk: () => revoke.mutateAsync(),
                  })
                }
              >
                {t('secrets.revoke')}
              </Button>
            )}
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('secrets.rotate')}
            </Button>
          </Space>
        )
      }
    >
      <List
        aria-label={t('secrets.live')}
        dataSource={app.secrets}
        renderItem={(secret, index) => (
          <List.Item>
            <Space wrap>
              <Tag color={index === 0 ? TAG.blue : TAG.orange}>
                {index === 0 ? t('secrets.current') : t('secrets.previous')}
              </Tag>
              <span>
                {t('common.createdAt')}: {formatTime(secret.createdAt)}
              </span>
              <span>
                {t('secrets.expiresAt')}:{' '}
                {secret.expiresAt
                  ? formatTime(secret.expiresAt)
                  : index === 0
                    ? t('secrets.never')
                    : t('secrets.untilRevoked')}
              </span>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('secrets.rotateTitle')}
        onCancel={close}
        maskClosable={!newSecret}
        footer={
          newSecret ? (
            <Button type="primary" onClick={close}>
              {t('secret.acknowledge')}
            </Button>
          ) : (
            <Space>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" danger loading={rotate.isPending} onClick={() => rotate.mutate()}>
                {t('secrets.rotate')}
              </Button>
            </Space>
          )
        }
      >
        {newSecret ? (
          <SecretOnce appId={app.appId} secret={newSecret} />
        ) : (
          <Form layout="vertical">
            <Typography.Paragraph>{t('secrets.rotateHelp')}</Typography.Paragraph>
            <Form.Item label={t('secrets.grace')} htmlFor="grace">
              <Radio.Group
                id="grace"
                value={grace}
                onChange={(e) => setGrace(e.target.value)}
                options={GRACE.map((g) => ({ value: g.value, label: t(g.label) }))}
              />
            </Form.Item>
            {rotate.error && <Alert type="error" showIcon title={rotate.error.message} role="alert" />}
          </Form>
        )}
      </Modal>
    </Card>
  );
}
