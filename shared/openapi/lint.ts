// Checks a document against the official OpenAPI 3.1 JSON Schema, offline (the schemas ship in the package).
import { Validator } from '@seriousme/openapi-schema-validator';

export async function lintOpenApi(document: object): Promise<{ valid: boolean; errors: unknown }> {
  const result = await new Validator().validate(document as Record<string, unknown>);
  return { valid: result.valid, errors: result.errors };
}
