// The organisation's members, its audit log and the signed-in caller.
import { api } from './http';
import type {
  AuditListResponse,
  InvitedMemberResponse,
  InviteMemberRequest,
  Me,
  MembersListResponse,
  RemovedMemberResponse,
} from './types';

export const getMe = () => api<Me>('GET', '/me');
export const listMembers = () => api<MembersListResponse>('GET', '/team');
export const inviteMember = (body: InviteMemberRequest) => api<InvitedMemberResponse>('POST', '/team', { body });
export const removeMember = (memberId: string) =>
  api<RemovedMemberResponse>('DELETE', `/team/${encodeURIComponent(memberId)}`);
export const listAudit = (cursor: string | undefined) =>
  api<AuditListResponse>('GET', '/audit', { query: { limit: 50, cursor } });
