// `npm run apps -- ...`: the platform team's app registry CLI (API reference: the console and the local runtime; usage in shared/apps/cli-args.ts).
// Every answer is exactly one JSON object on stdout; messages go to stderr. Exit 2: bad arguments; 1: failure.
import './node-support';
import * as registry from '../shared/apps/registry';
import { getOrganisation, OrganisationNotFoundError } from '../shared/console/organisations';
import { type Command, parseInvocation, USAGE, UsageError } from '../tools/apps-args';
import { runCli } from '../tools/cli-target';

async function run(command: Command): Promise<unknown> {
  const show = async (appId: string) => {
    const app = await registry.describeApp(appId);
    if (!app) throw new registry.AppNotFoundError(appId);
    return app;
  };
  // An app may only name an organisation that exists (the registry links without reading it).
  const orgId = command.verb === 'create' || command.verb === 'set-org' ? command.orgId : undefined;
  if (orgId) {
    if (!(await getOrganisation(orgId))) throw new OrganisationNotFoundError(orgId);
  }
  switch (command.verb) {
    case 'create': {
      const { verb: _verb, ...input } = command;
      const { app } = await registry.createApp(input);
      const { appId, secrets, ...rest } = app;
      return { appId, appSecret: secrets[0]?.secret, ...rest };
    }
    case 'list':
      return { apps: await registry.listApps() };
    case 'show':
      return show(command.appId);
    case 'rotate-secret': {
      const rotated = await registry.rotateSecret(command.appId, command.oldSecretValidMs);
      return {
        appId: command.appId,
        appSecret: rotated.appSecret,
        previousSecretExpiresAt: rotated.previousExpiresAt ?? null,
      };
    }
    case 'disable':
    case 'enable':
      await registry.updateApp(command.appId, { status: command.verb === 'disable' ? 'DISABLED' : 'ACTIVE' });
      return show(command.appId);
    case 'set-ip':
      await registry.updateApp(command.appId, { ipWhitelist: command.ipWhitelist });
      return show(command.appId);
    case 'set-webhook':
      await registry.updateApp(command.appId, { webhookUrl: command.webhookUrl });
      return show(command.appId);
    case 'set-limit':
      await registry.updateApp(command.appId, { limits: command.limits });
      return show(command.appId);
    case 'set-org':
      await registry.attachApp(command.appId, command.orgId);
      return show(command.appId);
  }
}

await runCli(
  {
    name: 'apps',
    usage: USAGE,
    deployedFlags: '--table <name> --region <region> for a deployed table',
    parse: parseInvocation,
    run: (command) => run(command),
    explain: (e) =>
      ['AppNotFoundError', 'OrganisationNotFoundError', 'AppOwnedElsewhereError'].includes(e.name)
        ? e.message
        : undefined,
  },
  UsageError,
);
