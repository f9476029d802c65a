import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { FlagChange, FlagRow } from '../../../shared/flags';
import { ConfirmActions } from '../../components/confirm-actions';
import { ModalDialog } from '../../components/modal-dialog';
import { TextField } from '../../components/text-field';
import { flagRequest, sendFlagChange, type FieldRefusal } from './flag-change-store';
import { flagState, groupWords, rolloutStrategy } from './flag-words';

interface Props {
  kind: 'enable' | 'set-rollout';
  flag: FlagRow;
  onClose: () => void;
}

/** Which input a server's field error belongs beside: `change.percent` → percent. */
function fieldOf(refusal: FieldRefusal): 'percent' | 'groupId' | 'reason' | 'other' {
  const f = refusal.field ?? '';
  if (f.endsWith('percent')) return 'percent';
  if (f.endsWith('groupId')) return 'groupId';
  if (f.endsWith('reason')) return 'reason';
  return 'other';
}

/**
 * Enable, or Set rollout (share and group): says what will happen, asks a reason, Enter confirms.
 * The server checks the input; its field error is shown beside the field and the dialog stays.
 */
export function FlagChangeDialog({ kind, flag, onClose }: Props) {
  const queryClient = useQueryClient();
  const current = rolloutStrategy(flag);
  const [percent, setPercent] = useState(String(current?.rolloutPercent ?? 100));
  const [group, setGroup] = useState(current?.groupId ?? '');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<FieldRefusal | null>(null);
  const [sending, setSending] = useState(false);
  // One intent per dialog: Enter pressed twice sends the same key.
  const intent = useRef<ReturnType<typeof flagRequest> | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const percentErrorId = useId();
  const groupErrorId = useId();
  const reasonErrorId = useId();

  const change = (): FlagChange => {
    if (kind === 'enable') return { kind: 'enable' };
    const trimmedGroup = group.trim();
    // Sent as typed (a number when it reads as one): the server says what is wrong with it.
    const n = percent.trim() === '' ? Number.NaN : Number(percent);
    return {
      kind: 'set-rollout',
      percent: n,
      ...(trimmedGroup ? { groupId: trimmedGroup } : {}),
    };
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (sending) return;
    const next = flagRequest(flag, change(), reason);
    const same =
      intent.current &&
      JSON.stringify({ ...intent.current, idempotencyKey: '' }) ===
        JSON.stringify({ ...next, idempotencyKey: '' });
    if (!same) intent.current = next;
    setSending(true);
    void sendFlagChange(queryClient, intent.current ?? next).then((r) => {
      setSending(false);
      if (r) {
        // Refused as input: nothing was applied; the corrected request is a new intent.
        intent.current = null;
        setRefusal(r);
        if (kind === 'set-rollout' && fieldOf(r) === 'percent') firstRef.current?.focus();
      } else onClose();
    });
  };

  const where = `${flag.key} in ${flag.environment}`;
  const state = flagState(flag).word;
  const target = Number(percent);
  const consequence =
    kind === 'enable'
      ? `${where} turns on (${flag.connection}): from ${state} to on for the users its strategies cover${current?.rolloutPercent !== undefined ? ` (${current.rolloutPercent}%${current.groupId ? ` by ${current.groupId}` : ''})` : ''}.`
      : `${where} (${flag.connection}): rollout ${current?.rolloutPercent ?? '—'}% → ${Number.isFinite(target) ? target : '?'}%${group.trim() ? ` by ${group.trim()}` : groupWords(flag) ? ` by ${groupWords(flag)}` : ''}${flag.enabled ? '' : '; the flag stays off until enabled'}.`;
  // Beside its field the message need not name the field's path again ("change.percent: …").
  const errorFor = (f: ReturnType<typeof fieldOf>) =>
    refusal && fieldOf(refusal) === f
      ? f === 'other'
        ? refusal.message
        : refusal.message.replace(/^[\w.[\]-]+: /, '')
      : '';

  return (
    <ModalDialog
      title={kind === 'enable' ? `Enable ${where}` : `Set rollout of ${where}`}
      initialFocus={firstRef}
      onCancel={onClose}
      className="action-dialog tone-primary flag-dialog"
    >
      <form onSubmit={submit} noValidate data-testid="flag-dialog">
        <div className="consequence" data-testid="confirm-consequence">
          <p>{consequence}</p>
        </div>
        {kind === 'set-rollout' && (
          <>
            <TextField
              label="Percent of users (0–100)"
              inputRef={firstRef}
              value={percent}
              onChange={setPercent}
              inputMode="numeric"
              aria-invalid={errorFor('percent') !== ''}
              aria-describedby={percentErrorId}
            >
              <span
                id={percentErrorId}
                className="field-error"
                aria-live="polite"
                data-testid="percent-error"
              >
                {errorFor('percent')}
              </span>
            </TextField>
            <TextField
              label="Group (what users are bucketed by; optional)"
              value={group}
              onChange={setGroup}
              placeholder="e.g. userId"
              maxLength={100}
              aria-invalid={errorFor('groupId') !== ''}
              aria-describedby={groupErrorId}
            >
              <span id={groupErrorId} className="field-error" aria-live="polite">
                {errorFor('groupId')}
              </span>
            </TextField>
          </>
        )}
        <TextField
          label="Reason"
          {...(kind === 'enable' ? { inputRef: firstRef } : {})}
          value={reason}
          onChange={setReason}
          placeholder="e.g. canary clean for 30 min"
          maxLength={2000}
          aria-invalid={errorFor('reason') !== ''}
          aria-describedby={reasonErrorId}
        >
          <span id={reasonErrorId} className="field-error" aria-live="polite">
            {errorFor('reason') || errorFor('other')}
          </span>
        </TextField>
        <ConfirmActions tone="primary" onCancel={onClose} />
      </form>
    </ModalDialog>
  );
}
