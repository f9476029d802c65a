/** One grid template shared by the header and every row, so columns line up. */
export const FLEET_COLUMNS: readonly { id: string; label: string; hint?: string }[] = [
  { id: 'service', label: 'Service' },
  { id: 'environment', label: 'Env', hint: 'Environment' },
  { id: 'strategy', label: 'Strategy' },
  { id: 'versions', label: 'Versions', hint: 'Stable → canary' },
  { id: 'step', label: 'Step' },
  { id: 'weight', label: 'Weight', hint: 'Share of traffic on the canary' },
  { id: 'status', label: 'Status' },
  { id: 'health', label: 'Health' },
  { id: 'time', label: 'In step', hint: 'Time in the current step' },
  { id: 'message', label: 'Message' },
];

export const STRATEGY_WORDS = {
  canary: 'Canary',
  blueGreen: 'Blue-green',
  rolling: 'Rolling',
  phased: 'Phased',
  shedding: 'Shedding',
} as const;
