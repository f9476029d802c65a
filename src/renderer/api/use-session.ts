import { useQuery } from '@tanstack/react-query';
import { useSimClockStore } from '../store/sim-clock-store';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      const session = await api('session.get', {});
      useSimClockStore.getState().sync(session.clock.now, session.clock.speed, session.clock.simulated);
      return session;
    },
    refetchInterval: 10_000,
    staleTime: 5_000,
  });
}
