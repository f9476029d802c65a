import { describe, expect, it } from 'vitest';
import { commandScore, preselected, rankCommands, SCORE, type PaletteCommand } from './palette-rank';

const ID = 'checkout-prod-eu';
const action = (name: string, destructive = true): PaletteCommand => ({
  id: `action:${name}`,
  name,
  target: ID,
  kind: 'action',
  destructive,
});
const nav = (id: string, name: string, target?: string, keywords?: string[]): PaletteCommand => ({
  id,
  name,
  kind: 'navigation',
  ...(target ? { target } : {}),
  ...(keywords ? { keywords } : {}),
});

// What the palette offers on the rollout page of checkout-prod-eu, in its default order.
const commands: PaletteCommand[] = [
  action('Pause', false),
  action('Resume'),
  action('Promote'),
  action('Promote fully'),
  action('Abort'),
  action('Retry'),
  action('Roll forward'),
  nav('migration:orders-customer-id', 'Open migration', 'orders-customer-id', ['orders', 'customer_id']),
  nav('migration:users-email-lower', 'Open migration', 'users-email-lower', ['users', 'email']),
  nav('nav:fleet', 'Go to fleet'),
  nav('nav:audit', 'Go to audit'),
  nav('nav:migrations', 'Go to migrations'),
  { id: 'setting:theme', name: 'Switch to light theme', kind: 'setting', keywords: ['theme'] },
  nav(`canary:${ID}`, 'Canary analysis', ID, ['checkout', 'prod-eu', '2.4.0']),
  nav('rollout:cart-staging', 'Open rollout', 'cart-staging', ['cart', 'staging']),
  nav(`rollout:${ID}`, 'Open rollout', ID, ['checkout', 'prod-eu', '2.4.0']),
  nav('rollout:checkout-staging', 'Open rollout', 'checkout-staging', ['checkout', 'staging']),
];

const top = (query: string) => rankCommands(commands, query)[0]?.id;
const enter = (query: string) => preselected(rankCommands(commands, query), query)?.id;

describe('command palette ranking', () => {
  it('"fleet" goes to the fleet, not to Promote fully', () => {
    expect(top('fleet')).toBe('nav:fleet');
    expect(enter('fleet')).toBe('nav:fleet');
    expect(rankCommands(commands, 'fleet').map((c) => c.id)).not.toContain('action:Promote fully');
  });

  it('"go to audit" goes to the audit log, never to a migration', () => {
    expect(top('go to audit')).toBe('nav:audit');
    expect(enter('Go to audit')).toBe('nav:audit');
    expect(enter('audit')).toBe('nav:audit');
  });

  it('ranks an exact name above a prefix, a prefix above words, words above ids, ids above fuzzy', () => {
    const scores = (query: string, id: string) => {
      const c = commands.find((x) => x.id === id);
      if (!c) throw new Error(id);
      return commandScore(c, query);
    };
    expect(scores('promote', 'action:Promote')).toBe(SCORE.exact);
    expect(scores('promote', 'action:Promote fully')).toBe(SCORE.prefix);
    expect(scores('prom ful', 'action:Promote fully')).toBe(SCORE.wordPrefix);
    expect(scores('promote checkout', 'action:Promote')).toBe(SCORE.prefix);
    expect(scores('promote prod', 'action:Promote')).toBe(SCORE.nameAndTarget);
    expect(scores('checkout', 'action:Abort')).toBe(SCORE.target);
    expect(scores('abrt', 'action:Abort')).toBe(SCORE.fuzzy);
    expect(scores('zebra', 'action:Abort')).toBe(SCORE.none);
    expect(
      rankCommands(commands, 'promote')
        .map((c) => c.id)
        .slice(0, 2),
    ).toEqual(['action:Promote', 'action:Promote fully']);
  });

  it('lifts navigation above actions for navigation words', () => {
    // "open" is a prefix of both Open migration and Open rollout; no action is named so.
    expect(rankCommands(commands, 'open checkout')[0]?.id).toBe(`rollout:${ID}`);
    const canary = rankCommands(commands, 'canary');
    expect(canary[0]?.id).toBe(`canary:${ID}`);
    // A rollout's id alone matches its actions and its pages alike: the pages come first.
    const byId = rankCommands(commands, 'show checkout-prod-eu').map((c) => c.kind);
    expect(byId[0]).toBe('navigation');
  });

  it('keeps the default order for equal scores and for the empty query', () => {
    expect(rankCommands(commands, '').map((c) => c.id)).toEqual(commands.map((c) => c.id));
    expect(rankCommands(commands, 'open rollout').map((c) => c.id)).toEqual([
      'rollout:cart-staging',
      `rollout:${ID}`,
      'rollout:checkout-staging',
    ]);
  });
});

describe('what Enter runs before the selection is moved', () => {
  it('is never a destructive action, even one typed exactly', () => {
    for (const name of ['Abort', 'Promote fully', 'Promote', 'Roll forward', 'Retry', 'Resume'])
      expect(enter(name), name).toBeUndefined();
    expect(rankCommands(commands, 'abort')[0]?.id).toBe('action:Abort');
  });

  it('is the safe Pause only when its name is typed, not when an id matches', () => {
    expect(enter('pause')).toBe('action:Pause');
    expect(enter('pa')).toBe('action:Pause');
    expect(enter('checkout')).toBe(`canary:${ID}`);
  });

  it('is nothing for an empty query or a fuzzy guess, and skips disabled commands', () => {
    expect(enter('')).toBeUndefined();
    // "resume" is spelt out inside orders-customer-id, but that is no reason to open the migration.
    expect(rankCommands(commands, 'resume').map((c) => c.id)).toContain('migration:orders-customer-id');
    expect(enter('resume')).toBeUndefined();
    const disabledFleet = commands.map((c) => (c.id === 'nav:fleet' ? { ...c, disabled: true } : c));
    expect(preselected(rankCommands(disabledFleet, 'fleet'), 'fleet')).toBeUndefined();
  });
});

describe('what Enter runs among the entries of every feature', () => {
  const byName = (service: string): PaletteCommand => ({
    id: `action:pause:simulator/${service}-prod-eu`,
    name: 'Pause',
    target: `${service} prod-eu`,
    kind: 'action',
    needsTarget: true,
  });
  const fleetFilter = nav('fleet:status:aborted', 'Show Aborted only', undefined, ['fleet', 'filter']);

  it('a destructive best match blocks a weaker safe one: "abort" never shows the aborted rollouts', () => {
    const ranked = rankCommands([...commands, fleetFilter], 'abort');
    expect(ranked.map((c) => c.id)).toContain('fleet:status:aborted');
    expect(preselected(ranked, 'abort')).toBeUndefined();
  });

  it('a rollout by name is preselected only when its name is typed, never for the bare "pause"', () => {
    const entries = [byName('checkout'), byName('search'), nav('pause-all', 'Pause everything')];
    expect(preselected(rankCommands(entries, 'pause'), 'pause')).toBeUndefined();
    expect(preselected(rankCommands(entries, 'pause search prod-eu'), 'pause search prod-eu')?.id).toBe(
      'action:pause:simulator/search-prod-eu',
    );
  });
});
