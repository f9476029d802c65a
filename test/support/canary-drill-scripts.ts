// Two scripted teams for the canary-error-rate scenario, as tests read them: a sharp one (pause,
// then abort) and one that promotes the failing canary and aborts a rollout nothing touched.
export const GOOD_CANARY_SCRIPT = `responses:
  - { when: steady-state-broken, after: 1m, action: pause, rollout: checkout-prod-eu }
  - { when: steady-state-broken, after: 3m, action: abort, rollout: checkout-prod-eu }
`;

export const BAD_CANARY_SCRIPT = `responses:
  - { at: 6m, action: promote, rollout: checkout-prod-eu }
  - { at: 7m, action: abort, rollout: payments-prod-us }
`;
