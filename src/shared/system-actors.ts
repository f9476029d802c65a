// Names the control room itself acts under in the audit log and on rollouts.

/** The canary judge: it records analysis verdicts and, after a failing background run, pauses. */
export const JUDGE_ACTOR = 'judge';
