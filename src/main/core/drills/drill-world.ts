// What a drill needs of the world it runs on: injects made to happen and, for the ones a person can
// undo (a config push), ended early. The simulator implements it; no real backend ever does.
import type { Inject } from './scenario-schema';

export interface DrillWorld {
  /** Makes the inject happen from `at` (simulated ms) until its duration ends or end() is called. */
  inject(inject: Inject, at: number): void;
  /** Ends an inject from `at` on; false when there is no such inject still in effect. */
  end(injectId: string, at: number): boolean;
  /** Whether the inject is in effect at `at`. */
  active(injectId: string, at: number): boolean;
}
