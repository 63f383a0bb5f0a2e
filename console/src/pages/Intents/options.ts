// The partner API's statuses and platforms (shared/domain/intent.ts holds the same lists for the server).
import { PLATFORMS, STATUSES } from '@shared/domain/intent';
import { TAG } from '../../utils/colors';

export { PLATFORMS, STATUSES };

export function statusColor(status: string): string {
  switch (status) {
    case 'COMPLETED':
      return TAG.green;
    case 'FAILED':
      return TAG.red;
    case 'CANCELLED':
    case 'DRAFT':
      return TAG.gray;
    default:
      return TAG.blue;
  }
}
