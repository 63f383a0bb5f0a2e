// What a list item looks like to the partner, and how conditions no index serves are applied to one.

import { fenToYuan } from '../domain/money';
import type { Condition, ItemField } from '../schemas/list-query';

/** The list fields as the indexes project them (money in fen). */
export interface ListedIntent {
  id: string;
  userId: string;
  platform: string;
  title: string;
  priceFen: number;
  quantity: number;
  totalAmountFen: number;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export function toListItem(row: ListedIntent, fields?: readonly ItemField[]): Record<string, unknown> {
  const item: Record<ItemField, unknown> = {
    id: row.id,
    userId: row.userId,
    platform: row.platform,
    title: row.title,
    price: fenToYuan(row.priceFen),
    quantity: row.quantity,
    totalAmount: fenToYuan(row.totalAmountFen),
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (!fields) return item;
  return Object.fromEntries(fields.map((f) => [f, item[f]]));
}

/** The value a condition compares, in the units conditions are parsed to (fen for money). */
function stored(row: ListedIntent, field: Condition['field']): string | number {
  if (field === 'price') return row.priceFen;
  if (field === 'totalAmount') return row.totalAmountFen;
  return row[field];
}

/** `like` matches what the partner sees: money in yuan, case-insensitive. */
function shown(row: ListedIntent, field: Condition['field']): string {
  const value = stored(row, field);
  return (field === 'price' || field === 'totalAmount' ? String((value as number) / 100) : String(value)).toLowerCase();
}

export function matches(row: ListedIntent, conditions: readonly Condition[]): boolean {
  return conditions.every((c) => {
    const value = stored(row, c.field);
    switch (c.op) {
      case 'eq':
        return value === c.values[0];
      case 'in':
        return c.values.includes(value);
      case 'gte':
        return value >= (c.values[0] as typeof value);
      case 'lte':
        return value <= (c.values[0] as typeof value);
      case 'like':
        return shown(row, c.field).includes(String(c.values[0]));
      default:
        return false;
    }
  });
}
