// A rollout step in words, the same on the rollout screen, in the CLI and in the controller's
// timeline. `span` says how a duration reads where it is shown ("10m", "600s").
import type { RolloutStep } from './domain';

const list = (names: readonly string[]): string => (names.length > 0 ? ` (${names.join(', ')})` : '');

export function stepTitle(step: RolloutStep, span: (seconds: number) => string): string {
  switch (step.kind) {
    case 'setWeight':
      return step.group ? `Set weight ${step.weight}% · ${step.group}` : `Set weight ${step.weight}%`;
    case 'pause':
      return step.durationSec ? `Pause ${span(step.durationSec)}` : 'Pause until promoted';
    case 'analysis':
      return `Analysis ${span(step.durationSec)}`;
    case 'switch':
      return 'Switch traffic';
    case 'analysisRun':
      return `Analysis run${list(step.templates)}`;
    case 'experiment':
      return `Experiment${step.durationSec ? ` ${span(step.durationSec)}` : ''}${list(step.templates)}`;
    case 'setCanaryScale':
      if (step.replicas !== undefined) return `Canary scale ${step.replicas} replicas`;
      if (step.weight !== undefined) return `Canary scale ${step.weight}% of replicas`;
      return 'Canary scale matches traffic';
    case 'setHeaderRoute':
      return step.matches.length === 0
        ? `Header route ${step.name} removed`
        : `Header route ${step.name}: ${step.matches.join(', ')}`;
    case 'setMirrorRoute':
      return step.matches === 0
        ? `Mirror route ${step.name} removed`
        : `Mirror route ${step.name}${step.percentage === undefined ? '' : ` ${step.percentage}%`}`;
    case 'other':
      return `Step not understood: ${step.what}`;
  }
}

/** The same words inside a sentence: "Promoted past pause until promoted". */
export function stepPhrase(step: RolloutStep, span: (seconds: number) => string): string {
  const title = stepTitle(step, span);
  return title.charAt(0).toLowerCase() + title.slice(1);
}
