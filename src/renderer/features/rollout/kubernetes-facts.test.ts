import { describe, expect, it } from 'vitest';
import type { KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';
import { kubernetesFacts, phaseDoubt } from './kubernetes-facts';
import { kubernetesDetail } from './kubernetes-rollout-fixture';

const fact = (k: KubernetesRolloutDetail, key: string) => kubernetesFacts(k).find((f) => f.key === key);

describe('what the Rollout object says, in words', () => {
  it('shows the phase as trusted only when the controller observed this generation', () => {
    expect(fact(kubernetesDetail, 'phase')).toEqual({
      key: 'phase',
      label: 'Argo phase',
      value: 'Paused: CanaryPauseStep',
    });
    const behind = { ...kubernetesDetail, generation: 10, phaseTrusted: false };
    expect(phaseDoubt(behind)).toBe('generation 10, observed 9: the phase shown may be old');
    expect(fact(behind, 'phase')).toMatchObject({
      value: 'Paused: CanaryPauseStep (not yet observed)',
      warning: 'generation 10, observed 9: the phase shown may be old',
    });
    const { observedGeneration: _, ...never } = behind;
    expect(phaseDoubt(never)).toBe('generation 10, not observed yet: the phase shown may be old');
  });

  it('shows the weight as set and as the traffic router reports it, and flags a difference in words', () => {
    expect(fact(kubernetesDetail, 'weight')).toEqual({
      key: 'weight',
      label: 'Canary weight',
      value: 'set 20% · traffic router reports 20%',
    });
    const off = { ...kubernetesDetail, weights: { set: 20, actual: 5, verified: false } };
    expect(fact(off, 'weight')).toMatchObject({
      value: 'set 20% · traffic router reports 5%',
      warning:
        'the traffic router sends 5% to the canary, not the 20% set; the traffic router has not verified the weight',
    });
    expect(fact({ ...kubernetesDetail, weights: { set: 20 } }, 'weight')?.value).toBe(
      'set 20% · the traffic router reports none',
    );
  });

  it('names the stable and current pod hashes with their revisions, abort with its time, promote full', () => {
    expect(fact(kubernetesDetail, 'pod-hash')?.value).toBe(
      'stable 6d4f8b9c7 (revision 4) · current 7c9b2d5f4 (revision 5)',
    );
    const aborted = {
      ...kubernetesDetail,
      abort: true,
      abortedAt: '2026-11-27T11:50:00.000Z',
      promoteFull: true,
    };
    expect(fact(aborted, 'abort')?.value).toBe('yes, since 2026-11-27 11:50:00 UTC');
    expect(fact(aborted, 'promote-full')?.value).toBe('yes: the remaining steps are skipped');
    expect(fact(kubernetesDetail, 'paused')?.value).toBe('spec.paused no · controller pause yes');
  });

  it('shows the services of a blue-green rollout and whether it promotes itself', () => {
    const bg: KubernetesRolloutDetail = {
      ...kubernetesDetail,
      blueGreen: {
        activeService: 'checkout-active',
        previewService: 'checkout-preview',
        autoPromotionEnabled: false,
        activeSelector: '6d4f8b9c7',
        previewSelector: '7c9b2d5f4',
        prePromotionAnalysis: ['smoke-tests'],
      },
    };
    expect(fact(bg, 'active-service')?.value).toBe('checkout-active → 6d4f8b9c7');
    expect(fact(bg, 'preview-service')?.value).toBe('checkout-preview → 7c9b2d5f4');
    expect(fact(bg, 'auto-promotion')?.value).toBe('disabled: a person promotes the preview');
    expect(fact(bg, 'pre-promotion')?.value).toBe('smoke-tests');
    expect(fact(bg, 'post-promotion')).toBeUndefined();
  });
});
