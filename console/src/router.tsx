// Routes under /console/; every page is its own chunk, so the first screen loads only the layout and that page.
import { createBrowserRouter, Navigate } from 'react-router';
import { BasicLayout } from './layouts/BasicLayout';

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const createRouter = () =>
  createBrowserRouter(
    [
      { path: '/callback', lazy: page(() => import('./pages/Callback')) },
      {
        path: '/',
        Component: BasicLayout,
        HydrateFallback: () => null,
        children: [
          { index: true, element: <Navigate to="/apps" replace /> },
          { path: 'apps', lazy: page(() => import('./pages/Apps')) },
          { path: 'apps/new', lazy: page(() => import('./pages/AppCreate')) },
          { path: 'apps/:appId', lazy: page(() => import('./pages/AppDetail')) },
          { path: 'apps/:appId/intents', lazy: page(() => import('./pages/Intents')) },
          { path: 'apps/:appId/intents/:intentId', lazy: page(() => import('./pages/IntentDetail')) },
          { path: 'team', lazy: page(() => import('./pages/Team')) },
          { path: 'audit', lazy: page(() => import('./pages/Audit')) },
          { path: 'ops', element: <Navigate to="/ops/queue" replace /> },
          { path: 'ops/queue', lazy: page(() => import('./pages/OpsQueue')) },
          { path: 'ops/intents/:intentId', lazy: page(() => import('./pages/OpsIntent')) },
          { path: 'ops/apps', lazy: page(() => import('./pages/OpsApps')) },
          { path: 'ops/dead-letters', lazy: page(() => import('./pages/OpsDeadLetters')) },
          { path: 'ops/stuck', lazy: page(() => import('./pages/OpsStuck')) },
          { path: 'ops/organisations', lazy: page(() => import('./pages/OpsOrganisations')) },
          { path: '*', lazy: page(() => import('./pages/NotFound')) },
        ],
      },
    ],
    { basename: '/console' },
  );
