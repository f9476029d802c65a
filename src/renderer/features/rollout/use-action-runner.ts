import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import { ApiError, errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { toast } from '../../store/toast-store';
import { ACTION_META } from './action-meta';
import { intentKey, markIntentRefused } from './idempotency';

export interface ActionIntent {
  action: ActionName;
  id: string;
  /** The revision the person decided on (captured when they clicked or opened the dialog). */
  revision: number;
  reason?: string;
  toVersion?: string;
}

/** Sends actions, one idempotency key per intent, and reports the outcome in a toast. */
export function useActionRunner() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<readonly ActionName[]>([]);

  const run = useCallback(
    async (intent: ActionIntent): Promise<void> => {
      const { action, id, revision, toVersion } = intent;
      const label = ACTION_META[action].label;
      const reason = intent.reason?.trim();
      setPending((p) => (p.includes(action) ? p : [...p, action]));
      try {
        const result = await api('rollout.act', {
          id,
          action,
          idempotencyKey: intentKey(action, id, revision, toVersion),
          ...(reason ? { reason } : {}),
          ...(toVersion ? { toVersion } : {}),
        });
        queryClient.setQueryData<RolloutDetail>(queryKeys.rolloutDetail(id), (current) =>
          !current || result.rollout.revision >= current.revision ? result.rollout : current,
        );
        if (result.outcome === 'succeeded') {
          toast.success(result.applied ? result.message : `${result.message} (already applied)`);
        } else {
          markIntentRefused(action, id, revision, toVersion);
          toast.error(`${label}: ${result.message}`);
        }
      } catch (error) {
        // A network failure may have been applied: keep the key so a resend applies at most once.
        if (!(error instanceof ApiError && error.code === 'network')) {
          markIntentRefused(action, id, revision, toVersion);
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
