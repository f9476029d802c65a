import { useId, useState } from 'react';
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import { errorMessage } from '../../api/api-error';
import { useCanaryJudge } from '../../api/use-canary';
import type { PaletteEntry } from '../../app/palette-entry';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';
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
  /** The run on screen: its window can be judged again, e.g. after a metrics backfill. */
  shown?: CanaryAnalysis;
}

/** The shown run's window in whole seconds, at least the one minute the API accepts. */
function windowOf(run: CanaryAnalysis): { windowSec: number; to: string } {
  const seconds = Math.round((Date.parse(run.window.to) - Date.parse(run.window.from)) / 1000);
  return { windowSec: Math.max(60, seconds), to: run.window.to };
}

/** Judge the last N minutes now. Recorded in the audit log; changes nothing about the rollout. */
export function RejudgeControl({ rolloutId, disabledReason, onJudged, shown }: RejudgeControlProps) {
  const [windowSec, setWindowSec] = useState(600);
  const judge = useCanaryJudge(rolloutId);
  const reasonId = useId();
  const pending = judge.isPending;
  const enabled = disabledReason === undefined && !pending;
  const minutes = windowSec / 60;

  const judgeWindow = (window: { windowSec: number; to?: string }, what: string): void => {
    if (!enabled) return;
    judge.mutate(window, {
      onSuccess: (analysis) => {
        toast.success(
          `Judged ${what}: ${VERDICT_WORDS[analysis.report.verdict]}, score ${Math.round(analysis.report.score)} (run #${analysis.index}).`,
        );
        onJudged(analysis);
      },
      onError: (error) => toast.error(`Re-judge: ${errorMessage(error)}`),
    });
  };
  const run = (): void => judgeWindow({ windowSec }, `the last ${minutes} minutes`);

  // The palette's Re-judge is this button's: same window, same refusal.
  const state = enabled ? {} : { disabled: true, detail: disabledReason ?? 'Judging…' };
  const entries: PaletteEntry[] = [
    {
      id: `canary:rejudge:${rolloutId}`,
      name: 'Re-judge',
      target: rolloutId,
      keywords: ['canary', 'judge', 'analysis', `${minutes} minutes`],
      kind: 'action',
      group: `Canary ${rolloutId}`,
      detail: `the last ${minutes} minutes`,
      ...state,
      run,
    },
    ...(shown
      ? [
          {
            id: `canary:rejudge-run:${rolloutId}`,
            name: `Re-judge run #${shown.index}'s window`,
            target: rolloutId,
            keywords: ['canary', 'judge', 'analysis', 'backfill'],
            kind: 'action' as const,
            group: `Canary ${rolloutId}`,
            ...state,
            run: () => judgeWindow(windowOf(shown), `run #${shown.index}'s window again`),
          },
        ]
      : []),
  ];
  useScreenPaletteEntries('canary:rejudge', entries);

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
      {shown && (
        <button
          type="button"
          className="btn"
          aria-disabled={!enabled}
          title={disabledReason ?? `Judge run #${shown.index}'s window again with the current data`}
          onClick={() => judgeWindow(windowOf(shown), `run #${shown.index}'s window again`)}
        >
          Re-judge run #{shown.index}'s window
        </button>
      )}
      {disabledReason && (
        <span id={reasonId} className="canary-rejudge-reason">
          {disabledReason}
        </span>
      )}
    </div>
  );
}
