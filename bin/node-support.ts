// Imported first by every command-line entry point. The AWS SDK prints a nine-line notice on every client it makes
// when Node is older than 22 (its support for Node 20 ends in 2026). Node 20 is this repository's supported local
// version for now and Lambda already runs nodejs22.x, so on Node 20 the notice is noise that hides the CLIs'
// own JSON and messages; on Node 22+ nothing is changed. An explicit setting of the variable is respected.
//
// The Node 22 plan: the deploy target is nodejs22.x already; the repository moves its local minimum to Node 22
// (package.json engines, CI) together with middy 7 and vitest 5, which need it, and then this file goes away.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
