// Providers around the router: server state (TanStack Query), sign-in, Ant Design's theme and language.
import { LoadingOutlined } from '@ant-design/icons';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { UserManager } from 'oidc-client-ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './auth/AuthContext';
import { createRouter } from './router';
import { ApiError } from './services/http';

// Ant Design's defaults with darker link, info, placeholder and grey-text colours: its #1677ff links, 45% grey
// labels and 25% placeholders fall short of WCAG AA contrast (axe-core's color-contrast rule, enforced on every
// page by the browser tests).
const THEME = {
  token: {
    colorPrimary: '#1556c5',
    colorInfo: '#1556c5',
    colorLink: '#1556c5',
    colorPrimaryHover: '#0f47a8',
    colorLinkHover: '#0f47a8',
    colorError: '#c41d1d',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  },
};

/**
 * A fixed loading icon instead of antd's collapsing one: that one leaves the button only when its CSS transition
 * reports its end, which a busy or background tab may never do, so a finished save kept "loading" in the button's
 * accessible name (screen readers, and the browser tests, still found a spinner). Same look, no exit animation.
 */
const BUTTON = { autoInsertSpace: false, loadingIcon: <LoadingOutlined /> };

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (4xx) is an answer, not a hiccup: only retry what may pass on a second try.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
    },
  },
});

export function App({ userManager }: { userManager: UserManager }) {
  const { i18n } = useTranslation();
  const [router] = useState(() => createRouter());
  const zh = i18n.language === 'zh-CN';
  useEffect(() => {
    dayjs.locale(zh ? 'zh-cn' : 'en');
  }, [zh]);
  return (
    // No space inserted between two Chinese characters on buttons ("保 存"): screen readers spell it out as two words.
    <ConfigProvider locale={zh ? zhCN : enUS} theme={THEME} button={BUTTON}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider userManager={userManager}>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
