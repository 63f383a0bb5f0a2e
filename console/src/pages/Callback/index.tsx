// /console/callback: finishes the authorization-code + PKCE sign-in and returns to the page that started it.
import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import type { SignInState } from '../../auth/oidc';

export default function Callback() {
  const { t } = useTranslation();
  const { userManager } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  // React's strict/dev double effect must not redeem the one-time code twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    userManager
      .signinRedirectCallback()
      .then((user) => {
        const returnTo = (user.state as SignInState | undefined)?.returnTo ?? '/apps';
        // returnTo is a path under /console (window.location), the router's basename.
        navigate(returnTo.replace(/^\/console(?=\/|$)/, '') || '/apps', { replace: true });
      })
      .catch((e: Error) => setError(e.message));
  }, [userManager, navigate]);

  if (error)
    return (
      <main>
        <Result
          status="error"
          title={t('signIn.failed')}
          subTitle={error}
          extra={
            <Button type="primary" onClick={() => void userManager.signinRedirect()}>
              {t('signIn.again')}
            </Button>
          }
        />
      </main>
    );
  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin aria-label={t('app.loading')} />
    </main>
  );
}
