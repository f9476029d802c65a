import { useId, useState } from 'react';
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import { errorMessage } from '../../api/api-error';
import { useCanaryJudge } from '../../api/use-canary';
import { toast } from '../../store/toast-store';
import { VERDICT_WORDS } from './canary-words';

const WINDOWS = [
  { minutes: 5, seconds: 300 },
  { minutes: 10, seconds: 600 },
  { minutes: 15, seconds: 900 },
  { minutes: 30, seconds: 1800 },
  { minutes: 60, seconds: 3600 },
] as const;

interface RejudgeControlProps {
  rolloutId: string;
  /** Why judging is not possible now, or undefined when it is. */
  disabledReason: string | undefined;
  onJudged: (analysis: CanaryAnalysis) => void;
}

/** Judge the last N minutes now. Recorded in the audit log; changes nothing about the rollout. */
export function RejudgeControl({ rolloutId, disabledReason, onJudged }: RejudgeControlProps) {
  const [windowSec, setWindowSec] = useState(600);
  const judge = useCanaryJudge(rolloutId);
  const reasonId = useId();
  const pending = judge.isPending;
  const enabled = disabledReason === undefined && !pending;
  const minutes = windowSec / 60;

  const run = (): void => {
    if (!enabled) return;
    judge.mutate(windowSec, {
      onSuccess: (analysis) => {
        toast.success(
          `Judged the last ${minutes} minutes: ${VERDICT_WORDS[analysis.report.verdict]}, score ${Math.round(analysis.report.score)} (run #${analysis.index}).`,
        );
        onJudged(analysis);
      },
      onError: (error) => toast.error(`Re-judge: ${errorMessage(error)}`),
    });
  };

  return (
    <div className="canary-rejudge" role="group" aria-label="Judge again">
      <span className="field-inline">Re-judge the last</span>
      <select
        value={windowSec}
        onChange={(e) => setWindowSec(Number(e.target.value))}
        aria-label="Minutes to judge"
      >
        {WINDOWS.map((w) => (
          <option key={w.seconds} value={w.seconds}>
            {w.minutes} minutes
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`btn btn-primary${pending ? ' is-pending' : ''}`}
        aria-label="Re-judge"
        aria-disabled={!enabled}
        aria-busy={pending || undefined}
        aria-describedby={disabledReason ? reasonId : undefined}
        title={disabledReason ?? `Judge the last ${minutes} minutes now; the rollout is not changed`}
        onClick={run}
      >
        {pending ? 'Judging…' : 'Re-judge'}
      </button>
      {disabledReason && (
        <span id={reasonId} className="canary-rejudge-reason">
          {disabledReason}
        </span>
      )}
    </div>
  );
}
