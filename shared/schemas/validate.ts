// Runs a strict zod object schema over a parsed body and turns its issues into the contract's validation error:
// 40002 when a required field is absent (it takes precedence), otherwise 40001; every failing field is listed.
import type * as z from 'zod/mini';
import { type FieldError, validationError } from '../http/errors';
import { MESSAGES } from '../http/messages';
import { FIELD_MESSAGES } from './intent-fields';

function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (field: string, message: string) => {
    if (seen.has(field)) return;
    seen.add(field);
    errors.push({ field, message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add(key, FIELD_MESSAGES.unknown);
    else add(issue.path.map(String).join('.') || 'body', issue.message);
  }
  return errors;
}

/** Parses `body` with `schema`; `required` are the fields whose absence is 40002. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  body: Record<string, unknown>,
  required: readonly string[] = [],
): z.output<S> {
  const missing: FieldError[] = required
    .filter((field) => !Object.hasOwn(body, field))
    .map((field) => ({ field, message: MESSAGES.missingField(field) }));
  const result = schema.safeParse(body);
  if (missing.length === 0 && result.success) return result.data;
  const absent = new Set(missing.map((m) => m.field));
  const invalid = result.success ? [] : fieldErrors(result.error.issues).filter((e) => !absent.has(e.field));
  if (missing.length > 0) throw validationError([...missing, ...invalid], true);
  throw validationError(invalid, false);
}
