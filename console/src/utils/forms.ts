// Form helpers shared by the app pages: the whitelist textarea, its validation (the server's own CIDR check) and
// putting an API refusal's field list next to the fields it names, keeping what the user typed.

import { isCidr } from '@shared/console/cidr';
import { MAX_WHITELIST_ENTRIES } from '@shared/console/schemas';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../services/http';

export const whitelistLines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);

export function whitelistRule(t: TFunction) {
  return {
    validator: async (_: unknown, text: string | undefined) => {
      const lines = whitelistLines(text);
      if (lines.length > MAX_WHITELIST_ENTRIES)
        throw new Error(t('detail.tooManyEntries', { max: MAX_WHITELIST_ENTRIES }));
      const bad = lines.findIndex((line) => !isCidr(line));
      if (bad !== -1) throw new Error(t('detail.invalidCidr', { line: bad + 1, value: lines[bad] }));
    },
  };
}

export function urlRule(t: TFunction) {
  return {
    validator: async (_: unknown, text: string | undefined) => {
      if (!text?.trim()) return;
      let ok = false;
      try {
        const url = new URL(text.trim());
        ok = url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        ok = false;
      }
      if (!ok) throw new Error(t('detail.invalidUrl'));
    },
  };
}

/**
 * Shows each of the API's field errors under its field (`ipWhitelist[2]` belongs to `ipWhitelist`); returns the
 * message for whatever no field on the form explains, for an alert beside the submit button.
 */
export function showApiError(form: FormInstance, error: unknown, fields: readonly string[]): string | undefined {
  if (!(error instanceof ApiError)) return (error as Error).message;
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const { field, message } of error.fieldErrors) {
    const name = field.split(/[[.]/)[0] ?? field;
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), message]);
    else rest.push(`${field}: ${message}`);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (byField.size && !rest.length) return undefined;
  return [error.message, ...rest].join(' · ');
}
