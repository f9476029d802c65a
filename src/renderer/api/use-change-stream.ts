import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ChangeEvent } from '../../shared/domain';
import { usePauseAllStore } from '../store/pause-all-store';
import { useSimClockStore } from '../store/sim-clock-store';
import { useStreamStore } from '../store/stream-store';
import { getTransport } from './client';
import { patchFleetRow } from './fleet-row-patch';
import { keyedThrottle } from './keyed-throttle';
import { queryKeys } from './query-keys';

const THROTTLE_MS = 1000;
/** A changed row is read alone at once; a burst on one row is read at most this often. */
const ROW_THROTTLE_MS = 50;
/** A drill at 60x changes several times a second (every tick); its screens must follow within 1 s. */
const DRILL_THROTTLE_MS = 300;
/** The audit list can be 100,000 records: refresh it less often. */
const AUDIT_THROTTLE_MS = 3000;

/**
 * Subscribes to the change stream for the life of the app and turns events into query
 * invalidations. A rollout event refreshes that rollout and its fleet row (read alone, at once); a tick refreshes the fleet
 * and the open rollout (each at most once per second); an audit event refreshes the audit list (at
 * most every 3 s: it can hold 100,000 records). Only queries on screen refetch, and a request
 * already in flight is never cancelled: a slow backend must still get to answer.
 */
export function useChangeStream(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const refresh = (queryKey: QueryKey): void => {
      void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
    };
    const throttle = keyedThrottle(THROTTLE_MS, (key) => {
      if (key === 'fleet') refresh(queryKeys.fleet);
      else if (key === 'rollouts') refresh(queryKeys.rolloutAll);
      else if (key === 'migrations') refresh(queryKeys.migrationsAll);
      else if (key === 'flags') refresh(queryKeys.flagsAll);
      else if (key === 'release-sets') refresh(queryKeys.releaseSetsAll);
      else if (key.startsWith('rollout:')) refresh(queryKeys.rollout(key.slice('rollout:'.length)));
    });
    const auditThrottle = keyedThrottle(AUDIT_THROTTLE_MS, () => refresh(queryKeys.auditAll));
    const drillThrottle = keyedThrottle(DRILL_THROTTLE_MS, () => refresh(queryKeys.drillStatus));
    const rowThrottle = keyedThrottle(ROW_THROTTLE_MS, (id) => void patchFleetRow(queryClient, id));

    const onEvent = (event: ChangeEvent): void => {
      switch (event.type) {
        case 'rollout':
          throttle.request(`rollout:${event.id}`);
          rowThrottle.request(event.id);
          // Migration gates read the fleet's live state.
          throttle.request('migrations');
          // So do a release set's members and the gates between them.
          throttle.request('release-sets');
          break;
        case 'release-set':
          throttle.request('release-sets');
          break;
        case 'migration':
          throttle.request('migrations');
          break;
        case 'audit':
          auditThrottle.request('audit');
          break;
        case 'session':
          refresh(queryKeys.session);
          break;
        case 'alerts':
          refresh(queryKeys.alerts);
          break;
        case 'bulk':
          usePauseAllStore.getState().progress(event.id, event.total, event.result);
          break;
        case 'incident':
        case 'freeze-windows':
          // A freeze began or lifted: the banner, the incident and every rollout's buttons change.
          refresh(queryKeys.incidentsAll);
          refresh(queryKeys.rolloutAll);
          break;
        case 'drill':
          drillThrottle.request('drill');
          break;
        case 'flags':
          throttle.request('flags');
          break;
        case 'tick':
          useSimClockStore.getState().sync(event.time);
          throttle.request('fleet');
          // Only the rollout queries on screen refetch; the others are merely marked stale.
          throttle.request('rollouts');
          break;
      }
    };

    const stop = getTransport().subscribe(onEvent, (status) => {
      useStreamStore.getState().setStatus(status);
      // After a gap in the stream anything may have changed.
      if (status === 'open') {
        refresh(queryKeys.fleet);
        refresh(queryKeys.rolloutAll);
        refresh(queryKeys.auditAll);
        refresh(queryKeys.session);
        refresh(queryKeys.notifications);
        refresh(queryKeys.incidentsAll);
        refresh(queryKeys.drillStatus);
        refresh(queryKeys.flagsAll);
        refresh(queryKeys.releaseSetsAll);
      }
    });
    return () => {
      stop();
      throttle.cancel();
      rowThrottle.cancel();
      auditThrottle.cancel();
      drillThrottle.cancel();
    };
  }, [queryClient]);
}
