// The organisation's apps as a card list (Ant Design Pro's 卡片列表): name, App ID, status, whitelist, webhook, limits
// (read-only) and dates. Cards rather than a Table keep the first screen's JavaScript small (see bench/console.ts).
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Descriptions, Empty, Flex, Row, Skeleton, Tag, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useMe } from '../../hooks/useMe';
import { listApps } from '../../services/apps';
import { appKeys } from '../../services/keys';
import type { ConsoleApp } from '../../services/types';
import { TAG } from '../../utils/colors';
import { formatTime } from '../../utils/format';

function AppCard({ app }: { app: ConsoleApp }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const path = `/apps/${encodeURIComponent(app.appId)}`;
  return (
    <section
      aria-label={app.name}
      style={{ background: token.colorBgContainer, borderRadius: token.borderRadiusLG, padding: token.paddingLG }}
    >
      <Descriptions
        size="small"
        column={1}
        title={
          <h2 style={{ fontSize: 16, margin: 0 }}>
            <Link to={path}>{app.name}</Link>
          </h2>
        }
        extra={<Tag color={app.status === 'ACTIVE' ? TAG.green : TAG.gray}>{t(`apps.${app.status}`)}</Tag>}
        items={[
          { key: 'appId', label: t('apps.appId'), children: <code>{app.appId}</code> },
          {
            key: 'ip',
            label: t('apps.ipWhitelist'),
            children: app.ipWhitelist.length ? app.ipWhitelist.join(', ') : t('apps.anyIp'),
          },
          { key: 'webhook', label: t('apps.webhookUrl'), children: app.webhookUrl ?? t('common.none') },
          { key: 'limits', label: t('apps.limits'), children: t('apps.limitsValue', app.limits) },
          { key: 'created', label: t('common.createdAt'), children: formatTime(app.createdAt) },
          { key: 'updated', label: t('common.updatedAt'), children: formatTime(app.updatedAt) },
        ]}
      />
      <Flex gap={16} style={{ marginTop: 8 }}>
        <Link to={path} aria-label={`${t('apps.view')} ${app.name}`}>
          {t('apps.view')}
        </Link>
        <Link to={`${path}/intents`} aria-label={`${t('apps.intents')} ${app.name}`}>
          {t('apps.intents')}
        </Link>
      </Flex>
    </section>
  );
}

export default function Apps() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { canWrite } = useMe();
  const apps = useQuery({ queryKey: appKeys.list(), queryFn: listApps });

  return (
    <>
      <PageHeader
        title={t('apps.title')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/apps/new')}>
              {t('apps.create')}
            </Button>
          )
        }
      />
      <QueryError error={apps.error} onRetry={() => void apps.refetch()} />
      {apps.isPending && <Skeleton active />}
      {apps.data && apps.data.items.length === 0 && <Empty description={t('apps.empty')} />}
      <Row gutter={[16, 16]}>
        {apps.data?.items.map((app) => (
          <Col key={app.appId} xs={24} lg={12} xxl={8}>
            <AppCard app={app} />
          </Col>
        ))}
      </Row>
    </>
  );
}
