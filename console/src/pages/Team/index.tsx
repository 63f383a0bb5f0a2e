// The organisation's members; owners invite colleagues with a role and remove members.
import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../components/EmptyText';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { withFeedback } from '../../components/WithFeedback';
import { useMe } from '../../hooks/useMe';
import { teamKeys } from '../../services/keys';
import { inviteMember, listMembers, removeMember } from '../../services/team';
import type { ConsoleRole, InvitedMemberResponse, Member } from '../../services/types';
import { formatTime } from '../../utils/format';
import { showApiError } from '../../utils/forms';

const ROLES: ConsoleRole[] = ['owner', 'developer', 'viewer'];

function Team() {
  const { t } = useTranslation();
  const { modal, message } = AntApp.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ email: string; role: ConsoleRole }>();
  const [formError, setFormError] = useState<string>();
  const [invited, setInvited] = useState<InvitedMemberResponse>();
  const members = useQuery({ queryKey: teamKeys.all, queryFn: listMembers });

  const invite = useMutation({
    mutationFn: inviteMember,
    onSuccess: (member) => {
      setInvited(member);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
    onError: (error) => setFormError(showApiError(form, error, ['email', 'role'])),
  });
  const remove = useMutation({
    mutationFn: removeMember,
    onSuccess: () => {
      void message.success(t('team.removed'));
      void queryClient.invalidateQueries({ queryKey: teamKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('team.title')} />
      {me.data && !me.isOwner && <Alert type="info" showIcon title={t('team.ownersOnly')} />}
      {me.isOwner && (
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('team.invite')}</h2>}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ role: 'developer' }}
            onFinish={(values) => {
              setFormError(undefined);
              setInvited(undefined);
              invite.mutate({ email: values.email.trim(), role: values.role });
            }}
          >
            <Form.Item
              name="email"
              label={t('team.email')}
              rules={[
                { required: true, message: t('team.emailRequired') },
                { type: 'email', message: t('team.emailInvalid') },
              ]}
            >
              <Input type="email" autoComplete="off" style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="role" label={t('team.role')}>
              <Select style={{ width: 140 }} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={invite.isPending}>
              {t('team.invite')}
            </Button>
          </Form>
          <div aria-live="polite" style={{ marginTop: 16 }}>
            {formError && <Alert type="error" showIcon title={formError} />}
            {invited && (
              <Alert
                type="success"
                showIcon
                title={t('team.invited', { email: invited.email })}
                description={
                  invited.temporaryPassword && (
                    <span data-testid="temporary-password">
                      {t('team.temporaryPassword', { password: invited.temporaryPassword })}
                    </span>
                  )
                }
              />
            )}
          </div>
        </Card>
      )}
      <QueryError error={members.error} onRetry={() => void members.refetch()} />
      <Table<Member>
        rowKey="memberId"
        loading={members.isPending}
        dataSource={members.data?.items}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('common.empty')}</EmptyText> }}
        columns={[
          { title: t('team.email'), dataIndex: 'email' },
          { title: t('team.role'), dataIndex: 'role', render: (r: ConsoleRole) => <Tag>{t(`role.${r}`)}</Tag> },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
          ...(me.isOwner
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, m: Member) => (
                    <Button
                      danger
                      size="small"
                      aria-label={`${t('team.remove')} ${m.email}`}
                      onClick={() =>
                        modal.confirm({
                          title: t('team.remove'),
                          content: t('team.removeConfirm', { email: m.email }),
                          okText: t('team.remove'),
                          cancelText: t('common.cancel'),
                          okButtonProps: { danger: true },
                          onOk: () => remove.mutateAsync(m.memberId),
                        })
                      }
                    >
                      {t('team.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

export default withFeedback(Team);
