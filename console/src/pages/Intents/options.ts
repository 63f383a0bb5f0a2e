// The partner API's statuses and platforms (shared/domain/intent.ts holds the same lists for the server).
import { PLATFORMS, STATUSES } from '@shared/domain/intent';

export { PLATFORMS, STATUSES };

export function statusColor(status: string): string {
  switch (status) {
    case 'COMPLETED':
      return 'green';
    case 'FAILED':
      return 'red';
    case 'CANCELLED':
      return 'default';
    case 'DRAFT':
      return 'default';
    default:
      return 'blue';
  }
}
