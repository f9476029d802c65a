// The words, icons and tones of the canary view: a status is always icon + word + colour.
import type { CanaryAnalysis } from '../../../shared/api/canary-api';
import type { MetricClassification, MetricJudgement, Verdict } from '../../../shared/canary';
import type { IconName } from '../../components/status-icon';

/** Colour family, mapped to CSS classes `tone-<tone>`. */
export type Tone = 'ok' | 'warn' | 'bad' | 'unknown';

export const VERDICT_WORDS: Record<Verdict, string> = {
  pass: 'Pass',
  marginal: 'Marginal',
  fail: 'Fail',
};

export const VERDICT_ICONS: Record<Verdict, IconName> = {
  pass: 'check',
  marginal: 'warning',
  fail: 'cross',
};

export const VERDICT_TONES: Record<Verdict, Tone> = { pass: 'ok', marginal: 'warn', fail: 'bad' };

export const CLASSIFICATION_WORDS: Record<MetricClassification, string> = {
  pass: 'Pass',
  high: 'High',
  low: 'Low',
  nodata: 'No data',
  'nodata-fail': 'Missing data',
  error: 'Error',
};

export const CLASSIFICATION_ICONS: Record<MetricClassification, IconName> = {
  pass: 'check',
  high: 'up',
  low: 'down',
  nodata: 'unknown',
  'nodata-fail': 'critical',
  error: 'warning',
};

export const CLASSIFICATION_TONES: Record<MetricClassification, Tone> = {
  pass: 'ok',
  high: 'bad',
  low: 'bad',
  nodata: 'unknown',
  'nodata-fail': 'bad',
  error: 'bad',
};

/** What the label means, for the badge's tooltip. */
export const CLASSIFICATION_HINTS: Record<MetricClassification, string> = {
  pass: 'No change beyond what is allowed',
  high: 'Canary is higher than baseline by more than is allowed',
  low: 'Canary is lower than baseline by more than is allowed',
  nodata: 'Not enough data to compare; does not count against the canary',
  'nodata-fail': 'No data, and this metric must have data: counts as a failure',
  error: 'The comparison could not be computed: counts as a failure',
};

export function isFailing(m: MetricJudgement): boolean {
  return m.failsCanary || CLASSIFICATION_TONES[m.classification] === 'bad';
}

/** "Analysis step 3", "Background check", "On demand by alice". */
export function triggerText(a: Pick<CanaryAnalysis, 'trigger' | 'stepIndex' | 'actor'>): string {
  switch (a.trigger) {
    case 'step':
      return a.stepIndex === null ? 'Analysis step' : `Analysis step ${a.stepIndex + 1}`;
    case 'background':
      return 'Background check';
    case 'manual':
      return `On demand by ${a.actor}`;
  }
}

/** Short form for the history list. */
export function triggerWord(a: Pick<CanaryAnalysis, 'trigger' | 'stepIndex'>): string {
  switch (a.trigger) {
    case 'step':
      return a.stepIndex === null ? 'Step' : `Step ${a.stepIndex + 1}`;
    case 'background':
      return 'Background';
    case 'manual':
      return 'On demand';
  }
}

/** What the rollout did because of this run. */
export function decisionText(a: Pick<CanaryAnalysis, 'decision' | 'trigger'>): string {
  switch (a.decision) {
    case 'abort':
      return 'Rolled back automatically';
    case 'pause':
      return 'Paused for a person to judge';
    case 'continue':
      return 'Rollout continued';
    case 'none':
      return a.trigger === 'manual' ? 'Recorded only: the rollout was not changed' : 'No action taken';
  }
}

export const DECISION_TONES: Record<CanaryAnalysis['decision'], Tone> = {
  abort: 'bad',
  pause: 'warn',
  continue: 'ok',
  none: 'unknown',
};

/** One sentence each, for people who never studied statistics ("How to read this"). */
export function readingNotes(confidenceLevel: number, thresholds: { pass: number; marginal: number }) {
  const level = `${Number((confidenceLevel * 100).toFixed(1))}%`;
  return [
    {
      term: 'Reason',
      text: 'Each line says in words what changed and whether that is allowed; start there.',
    },
    {
      term: 'Shift and CI',
      text: `The shift is how far the canary's typical value moved from the baseline's; the confidence interval (CI) is the range the true shift lies in with ${level} confidence, so a CI that does not include zero means a real change.`,
    },
    {
      term: 'p-value',
      text: 'The p-value is the chance of seeing a difference this large if the canary were no different from the baseline: the smaller it is (say below 0.05), the less likely the difference is luck.',
    },
    {
      term: 'Effect size',
      text: "The effect size compares averages: +18% means the canary's mean is 18% above the baseline's; limits on it decide pass or fail.",
    },
    {
      term: 'Score',
      text: `The score (0-100) weighs every metric's result: ${thresholds.pass} or more passes, below ${thresholds.marginal} fails, in between a person decides; a failing critical metric fails the canary whatever the score.`,
    },
  ];
}
