// Start-up: read config.json, set up sign-in, the API client and the language, then render the router.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createUserManager } from './auth/oidc';
import { loadConfig } from './config';
import { initI18n, initialLocale } from './locales';
import { configureApi } from './services/http';

const root = createRoot(document.getElementById('root')!);

try {
  const config = await loadConfig();
  const userManager = createUserManager(config);
  configureApi({ userManager, apiBase: config.apiBase });
  await initI18n(initialLocale(config.locale));
  root.render(<App userManager={userManager} />);
} catch (error) {
  // Before i18n is ready: both languages, plain text.
  root.render(
    <main style={{ padding: 24 }}>
      <h1>控制台配置加载失败 / Could not load the console configuration</h1>
      <p>{(error as Error).message}</p>
    </main>,
  );
}
