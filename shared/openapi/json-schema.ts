// zod to JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses), describing what a client sends.
import * as z from 'zod';

export function jsonSchema(schema: z.core.$ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}
