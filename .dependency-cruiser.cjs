// npm run lint:imports: which folder may import which. A rule names what is forbidden; the comment says why.
// Type-only imports count (tsPreCompilationDeps), so a cycle through `import type` is a cycle too.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means neither file can be read, tested or moved without the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-lambda-code',
      comment: 'shared/ is what the Lambda functions bundle: no handlers, CDK, CLIs, bench or tests.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|local|bin|tools|bench|test|console)/' },
    },
    {
      name: 'functions-use-shared',
      comment: 'A handler reads like its route: it parses, authorises, calls the domain and answers, all from shared/.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(functions|infra|local|bin|tools|bench|test|console)/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'The domain (intent rules, state machine, money) imports nothing of ours but itself, and no AWS.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: ['^(?!shared/domain/)[^/]+/', '^@aws-sdk/'], pathNot: '^node_modules/(ulid)/' },
    },
    {
      name: 'store-speaks-domain',
      comment: 'The store throws domain errors; HTTP, signatures and request schemas are not its business.',
      severity: 'error',
      from: { path: '^shared/store/' },
      to: { path: '^shared/(http|auth|console|webhooks|fulfilment)/' },
    },
    {
      name: 'http-knows-no-store',
      comment: 'The HTTP layer (middy chain, envelope, error mapping) never reads the table itself.',
      severity: 'error',
      from: { path: '^shared/http/' },
      to: { path: '^shared/(store|schemas|console|webhooks|fulfilment)/' },
    },
    {
      name: 'schemas-validate-only',
      comment: 'Request schemas check input; they read no table and know no signature.',
      severity: 'error',
      from: { path: '^shared/schemas/' },
      to: { path: '^shared/(store|auth|console|webhooks|fulfilment)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^cdk\\.out/' },
  },
};
