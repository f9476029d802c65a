import { holdOf, holdWords } from '../../../shared/attention-order';
import type { AnalysisResult, RolloutDetail, RolloutStep } from '../../../shared/domain';
import type { KubernetesAnalysisRun } from '../../../shared/kubernetes-rollout';
import { routeHref } from '../../app/routes';
import { formatDuration } from '../../components/format-duration';
import { StatusIcon, type IconName } from '../../components/status-icon';
import { analysisPhase, runOfStep } from './analysis-run-order';
import { showAnalysisRun } from './analysis-runs-panel';
import { countdownText, pauseText } from './pause-words';
import { latestAnalysis, stepState, stepTitle, type StepState } from './step-text';

const STATE_ICON: Record<StepState, IconName> = {
  done: 'check',
  current: 'play',
  pending: 'dot',
  aborted: 'cross',
};
const STATE_WORD: Record<StepState, string> = {
  done: 'Done',
  current: 'Current',
  pending: 'Pending',
  aborted: 'Aborted here',
};

const VERDICT: Record<AnalysisResult['verdict'], { icon: IconName; word: string }> = {
  running: { icon: 'clock', word: 'Running' },
  pass: { icon: 'check', word: 'Pass' },
  fail: { icon: 'cross', word: 'Fail' },
  inconclusive: { icon: 'unknown', word: 'Inconclusive' },
};

function AnalysisMarker({ analysis, rolloutId }: { analysis: AnalysisResult; rolloutId: string }) {
  const v = VERDICT[analysis.verdict];
  return (
    <a
      className={`verdict verdict-${analysis.verdict}`}
      href={routeHref({ name: 'canary', id: rolloutId, step: analysis.stepIndex })}
      title={`${analysis.reason} — open the canary analysis`}
    >
      <StatusIcon name={v.icon} />
      {v.word}
      {analysis.score !== undefined && <span className="tabular"> · {Math.round(analysis.score)}</span>}
    </a>
  );
}

function PauseDetail({ rollout, now }: { rollout: RolloutDetail; now: number }) {
  const hold = holdOf(rollout);
  if (hold?.kind === 'held') return <span className="step-detail">{holdWords(hold)}</span>;
  const timed = rollout.pauseConditions.find((c) => c.until !== undefined);
  if (timed?.until) {
    return (
      <span className="step-detail tabular timer" data-testid="pause-countdown">
        {countdownText(timed.until, now)}
      </span>
    );
  }
  // Argo Rollouts: the pause's own condition (a pause step, a blue-green preview) says since when.
  const waits = rollout.kubernetes && rollout.pauseConditions.find((c) => c.reason !== 'manual');
  const autoPromotes = rollout.kubernetes?.blueGreen?.autoPromotionEnabled === true;
  if (waits) return <span className="step-detail">{pauseText(waits, now, autoPromotes)}</span>;
  return <span className="step-detail">{hold ? holdWords(hold) : 'waiting for promotion'}</span>;
}

/** An analysisRun step of Argo Rollouts: its newest AnalysisRun's phase, linking to it in the panel. */
function RunMarker({ run, index }: { run: KubernetesAnalysisRun; index: number }) {
  const look = analysisPhase(run.phase);
  return (
    <button
      type="button"
      className={`verdict verdict-${look.tone} link-button`}
      data-testid={`step-run-${index}`}
      title={`${run.name}: show its metrics and measurements`}
      onClick={() => showAnalysisRun(run.name)}
    >
      <StatusIcon name={look.icon} />
      {look.word}
      <span className="visually-hidden">: show AnalysisRun {run.name}</span>
    </button>
  );
}

function StepDetail({
  rollout,
  step,
  index,
  state,
  now,
}: {
  rollout: RolloutDetail;
  step: RolloutStep;
  index: number;
  state: StepState;
  now: number;
}) {
  if (step.kind === 'analysis') {
    const analysis = latestAnalysis(rollout, index);
    if (analysis) return <AnalysisMarker analysis={analysis} rolloutId={rollout.id} />;
  }
  if (step.kind === 'analysisRun' && rollout.kubernetes) {
    const run = runOfStep(rollout.kubernetes.analysisRuns, index);
    if (run) return <RunMarker run={run} index={index} />;
  }
  if (state !== 'current') return null;
  if (step.kind === 'pause') return <PauseDetail rollout={rollout} now={now} />;
  const started = Date.parse(rollout.stepStartedAt);
  return (
    <span className="step-detail tabular timer">
      {Number.isNaN(started) ? 'in progress' : `for ${formatDuration(now - started)}`}
    </span>
  );
}

export function StepTimeline({ rollout, now }: { rollout: RolloutDetail; now: number }) {
  return (
    <section className="panel steps-panel" aria-labelledby="steps-title">
      <h2 id="steps-title" className="panel-title">
        Steps
      </h2>
      <ol className="steps">
        {rollout.steps.map((step, index) => {
          const state = stepState(rollout, index);
          return (
            <li
              key={index}
              className={`step step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
              data-testid={`step-${index}`}
              data-state={state}
            >
              <span className="step-head">
                <StatusIcon name={STATE_ICON[state]} />
                <span className="step-number tabular">{index + 1}</span>
                <span className="visually-hidden">{STATE_WORD[state]}:</span>
                <span className="step-title">{stepTitle(step)}</span>
              </span>
              <StepDetail rollout={rollout} step={step} index={index} state={state} now={now} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
