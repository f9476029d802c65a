// The Flags view's requests and what came of them, outside React so the palette runs the very
// request the row's button runs. One idempotency key per intent: a Retry after a failure resends it
// (the server applies it once); asking again from the button is a new intent with a new key.
import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import type { FlagChange, FlagChangeKind, FlagRow } from '../../../shared/flags';
import { ApiError, errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { flagRowId } from './flag-words';

export interface FlagRequest {
  rowId: string;
  flag: string;
  environment: string;
  connection: string;
  change: FlagChange;
  /** The row's version the person decided on: refused with what changed when the flag moved since. */
  expected: string;
  reason?: string;
  idempotencyKey: string;
}

export interface FlagOutcome {
  rowId: string;
  /** applied or already; refused (changed underneath, a freeze: nothing written); failed (not applied). */
  tone: 'applied' | 'refused' | 'failed';
  message: string;
  /** failed only: the same request, sent again only when the person asks. */
  retry?: FlagRequest;
}

interface FlagChangeState {
  pending: Record<string, true>;
  outcome: FlagOutcome | null;
  /** The dialog asked for (from a row or the palette), by row id. */
  dialog: { kind: Exclude<FlagChangeKind, 'disable'>; rowId: string } | null;
  /** The kill switch's optional reason, typed once above the list. */
  killReason: string;
  ask: (kind: Exclude<FlagChangeKind, 'disable'>, rowId: string) => void;
  closeDialog: () => void;
  dismiss: () => void;
  setKillReason: (reason: string) => void;
}

export const useFlagChangeStore = create<FlagChangeState>()((set) => ({
  pending: {},
  outcome: null,
  dialog: null,
  killReason: '',
  ask: (kind, rowId) => set({ dialog: { kind, rowId } }),
  closeDialog: () => set({ dialog: null }),
  dismiss: () => set({ outcome: null }),
  setKillReason: (killReason) => set({ killReason }),
}));

// Random per page load, so two windows or a reload never share a key.
const PAGE_PREFIX = (() => {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
})();
let intents = 0;

export function newIntentKey(kind: FlagChangeKind): string {
  intents += 1;
  return `flag:${PAGE_PREFIX}:${kind}:${intents}`;
}

/** A new intent on a row as it is on screen. */
export function flagRequest(row: FlagRow, change: FlagChange, reason: string | undefined): FlagRequest {
  const trimmed = reason?.trim();
  return {
    rowId: flagRowId(row),
    flag: row.key,
    environment: row.environment,
    connection: row.connection,
    change,
    expected: row.version,
    ...(trimmed ? { reason: trimmed } : {}),
    idempotencyKey: newIntentKey(change.kind),
  };
}

const KIND_WORDS: Record<FlagChangeKind, string> = {
  enable: 'Enable',
  disable: 'Disable (kill switch)',
  'set-rollout': 'Set rollout',
};

/** The server refused the input itself: the dialog shows it beside the field, nothing was sent on. */
export type FieldRefusal = { field: string | undefined; message: string };

/**
 * Sends one request. Resolves with a field refusal for the dialog to show, or undefined once the
 * outcome is in the store (shown above the list, never over it).
 */
export async function sendFlagChange(
  queryClient: QueryClient,
  request: FlagRequest,
): Promise<FieldRefusal | undefined> {
  const store = useFlagChangeStore;
  store.setState((s) => ({ pending: { ...s.pending, [request.rowId]: true } }));
  const { rowId, ...input } = request;
  const what = `${KIND_WORDS[request.change.kind]} ${request.flag} in ${request.environment}`;
  try {
    const result = await api('flags.change', input);
    const message =
      result.outcome === 'already' ? `${result.message} (it already was: nothing written)` : result.message;
    store.setState({ outcome: { rowId, tone: 'applied', message } });
    return undefined;
  } catch (error) {
    const code = error instanceof ApiError ? error.code : 'internal';
    if (code === 'invalid-input' && error instanceof ApiError && store.getState().dialog?.rowId === rowId)
      return { field: error.field, message: error.message };
    if (
      code === 'precondition-failed' ||
      code === 'forbidden' ||
      code === 'invalid-input' ||
      code === 'not-found'
    ) {
      store.setState({
        outcome: { rowId, tone: 'refused', message: `${what}: not done. ${errorMessage(error)}` },
      });
      return undefined;
    }
    // Down, slow, or the answer was lost: not applied (network: perhaps applied; the same key makes
    // a retry safe either way).
    const maybe = code === 'network' ? ' (the answer was lost: it may have been applied; Retry is safe)' : '';
    store.setState({
      outcome: {
        rowId,
        tone: 'failed',
        message: `${what} could not be applied${maybe}: ${errorMessage(error)}`,
        retry: request,
      },
    });
    return undefined;
  } finally {
    store.setState((s) => {
      const pending = { ...s.pending };
      delete pending[rowId];
      return { pending };
    });
    // The fresh state: after a refusal it shows what changed underneath.
    void queryClient.invalidateQueries({ queryKey: queryKeys.flagsAll });
    void queryClient.invalidateQueries({ queryKey: queryKeys.auditAll });
  }
}
