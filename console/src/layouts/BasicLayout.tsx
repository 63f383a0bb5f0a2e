// The signed-in frame (Ant Design Pro style): side menu, header with the member, language switch and sign-out.
// Anyone without a session is sent to sign in first and brought back to the page they asked for.
import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  ClockCircleOutlined,
  InboxOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
  TranslationOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, theme } from 'antd';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { currentPath, type SignInState } from '../auth/oidc';
import { useMe } from '../hooks/useMe';
import { switchLocale } from '../locales';
import { TAG } from '../utils/colors';

const { Header, Sider, Content } = Layout;

function FullPageSpin({ tip }: { tip: string }) {
  return (
    <div style={{ display: 'grid', placeItems: 'center', alignContent: 'center', gap: 8, minHeight: '60vh' }}>
      <Spin />
      <span role="status">{tip}</span>
    </div>
  );
}

function selectedKey(path: string): string {
  if (path.startsWith('/ops/apps')) return 'ops-apps';
  if (path.startsWith('/ops/dead-letters')) return 'ops-dead-letters';
  if (path.startsWith('/ops/stuck')) return 'ops-stuck';
  if (path.startsWith('/ops/organisations')) return 'ops-organisations';
  if (path.startsWith('/ops')) return 'ops-queue';
  return path.startsWith('/team') ? 'team' : path.startsWith('/audit') ? 'audit' : 'apps';
}

export function BasicLayout() {
  const { t, i18n } = useTranslation();
  const { user, userManager, signOut } = useAuth();
  const location = useLocation();

  useEffect(() => {
    if (user === null) {
      const state: SignInState = { returnTo: currentPath() };
      void userManager.signinRedirect({ state });
    }
  }, [user, userManager]);

  if (!user) return <FullPageSpin tip={user === null ? t('signIn.redirecting') : t('app.loading')} />;
  // The page leaves for the provider's sign-out page; the query cache dies with it.
  return <SignedIn onSignOut={() => void signOut()} path={location.pathname} lang={i18n.language} />;
}

function SignedIn({ onSignOut, path, lang }: { onSignOut: () => void; path: string; lang: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { token } = theme.useToken();
  const selected = selectedKey(path);
  // Operators see the operator pages; an operator without an organisation sees only those.
  const operator = Boolean(me.data?.operator);
  const member = me.data ? me.data.orgId !== '' : true;
  const items = [
    ...(member
      ? [
          { key: 'apps', icon: <AppstoreOutlined />, label: <Link to="/apps">{t('menu.apps')}</Link> },
          { key: 'team', icon: <TeamOutlined />, label: <Link to="/team">{t('menu.team')}</Link> },
          ...(me.isOwner
            ? [{ key: 'audit', icon: <AuditOutlined />, label: <Link to="/audit">{t('menu.audit')}</Link> }]
            : []),
        ]
      : []),
    ...(operator
      ? [
          {
            key: 'ops',
            type: 'group' as const,
            label: t('ops.menu'),
            children: [
              { key: 'ops-queue', icon: <InboxOutlined />, label: <Link to="/ops/queue">{t('ops.queue')}</Link> },
              { key: 'ops-stuck', icon: <ClockCircleOutlined />, label: <Link to="/ops/stuck">{t('ops.stuck')}</Link> },
              { key: 'ops-apps', icon: <SettingOutlined />, label: <Link to="/ops/apps">{t('ops.apps')}</Link> },
              {
                key: 'ops-organisations',
                icon: <BankOutlined />,
                label: <Link to="/ops/organisations">{t('ops.organisations')}</Link>,
              },
              {
                key: 'ops-dead-letters',
                icon: <WarningOutlined />,
                label: <Link to="/ops/dead-letters">{t('ops.deadLetters')}</Link>,
              },
            ],
          },
        ]
      : []),
  ];
  // Partner pages would answer 401 to an operator who belongs to no organisation: send them to their queue.
  if (me.data && !member && !path.startsWith('/ops')) return <Navigate to="/ops/queue" replace />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} theme="dark" width={208}>
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '16px 24px' }}>{t('app.title')}</div>
        <nav aria-label={t('app.title')}>
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
        </nav>
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', gap: 16 }}>
          <Space>
            {me.data && (
              <>
                <span title={t('menu.user')}>{me.data.email}</span>
                {member && <Tag color="blue">{t(`role.${me.data.role}`)}</Tag>}
                {operator && <Tag color={TAG.gray}>{t('ops.menu')}</Tag>}
                <span style={{ color: token.colorTextSecondary }}>{me.data.orgName}</span>
              </>
            )}
            <Button
              icon={<TranslationOutlined />}
              lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
              onClick={() => void switchLocale(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
            >
              {t('menu.language')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={onSignOut}>
              {t('menu.signOut')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <main>
            <Suspense fallback={<FullPageSpin tip={t('app.loading')} />}>
              <Outlet />
            </Suspense>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
