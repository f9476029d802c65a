import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import { ApiError, errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { toast } from '../../store/toast-store';
import { ACTION_META } from './action-meta';
import { actionRequest, type ActionIntent } from './action-request';
import { intentKey, intentTarget, markIntentRefused } from './idempotency';

/** Sends actions, one idempotency key per intent, and reports the outcome in a toast. */
export function useActionRunner() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<readonly ActionName[]>([]);

  const run = useCallback(
    async (intent: ActionIntent): Promise<void> => {
      const { action, id, revision } = intent;
      const label = ACTION_META[action].label;
      const target = intentTarget(intent);
      setPending((p) => (p.includes(action) ? p : [...p, action]));
      try {
        const result = await api(
          'rollout.act',
          actionRequest(intent, intentKey(action, id, revision, target)),
        );
        queryClient.setQueryData<RolloutDetail>(queryKeys.rolloutDetail(id), (current) =>
          !current || result.rollout.revision >= current.revision ? result.rollout : current,
        );
        if (result.outcome === 'succeeded') {
          toast.success(result.applied ? result.message : `${result.message} (already applied)`);
        } else {
          markIntentRefused(action, id, revision, target);
          toast.error(`${label}: ${result.message}`);
        }
      } catch (error) {
        // A network failure may have been applied: keep the key so a resend applies at most once.
        if (!(error instanceof ApiError && error.code === 'network')) {
          markIntentRefused(action, id, revision, target);
        }
        toast.error(`${label}: ${errorMessage(error)}`);
      } finally {
        setPending((p) => p.filter((a) => a !== action));
        void queryClient.invalidateQueries({ queryKey: queryKeys.rollout(id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.fleet });
        void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
      }
    },
    [queryClient],
  );

  return { pending, run };
}
