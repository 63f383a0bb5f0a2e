// PLACEHOLDER until the app registry lands: the local runtime calls this to create the dev app if missing.
export async function ensureDevApp(): Promise<void> {}
