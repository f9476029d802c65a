import { useQuery } from '@tanstack/react-query';
import { useSimClockStore } from '../store/sim-clock-store';
import { api } from './client';
import { queryKeys } from './query-keys';

export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      const session = await api('session.get', {});
      // A drill's clock stands still unless it runs, whatever speed it is set to.
      const standing = session.drill !== undefined && session.drill.state !== 'running';
      useSimClockStore
        .getState()
        .sync(session.clock.now, standing ? 0 : session.clock.speed, session.clock.simulated);
      return session;
    },
    refetchInterval: 10_000,
    staleTime: 5_000,
  });
}
