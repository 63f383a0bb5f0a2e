// Checks the OpenAPI document offline, twice: against the official OpenAPI 3.1 JSON Schema (the schemas ship in
// the package), then with Redocly's `recommended` ruleset, where every warning counts as a failure.
import { Validator } from '@seriousme/openapi-schema-validator';

export interface LintResult {
  valid: boolean;
  errors: unknown;
}

export async function lintOpenApi(document: object): Promise<LintResult> {
  const result = await new Validator().validate(document as Record<string, unknown>);
  return { valid: result.valid, errors: result.errors };
}

/** Redocly's recommended rules; `problems` names each rule, message and JSON pointer. */
export async function lintOpenApiStyle(document: object): Promise<{ valid: boolean; problems: string[] }> {
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ extends: ['recommended'] });
  const found = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  const problems = found.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location?.[0]?.pointer ?? ''})`);
  return { valid: problems.length === 0, problems };
}
