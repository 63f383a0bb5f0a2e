// The signed-in member (organisation, role, address as the API sees it) and what that role may do.
import { useQuery } from '@tanstack/react-query';
import { meKeys } from '../services/keys';
import { getMe } from '../services/team';

export function useMe() {
  const query = useQuery({ queryKey: meKeys.all, queryFn: getMe, staleTime: 60_000 });
  const role = query.data?.role;
  return {
    ...query,
    /** Owners and developers change apps; viewers only read. */
    canWrite: role === 'owner' || role === 'developer',
    isOwner: role === 'owner',
  };
}
