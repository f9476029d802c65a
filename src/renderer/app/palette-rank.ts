// The command palette's own ranking. What a command is called beats what it acts on: an exact or
// prefix match of its name ranks above a match in an id, which ranks above a fuzzy match; words
// like "fleet" or "go" lift navigation above actions; and Enter never lands on a destructive
// action unless the person moved the selection there.

export type PaletteKind = 'action' | 'navigation' | 'setting';

export interface PaletteCommand {
  /** Unique in the palette (cmdk's item value). */
  id: string;
  /** What the command does: "Promote fully", "Go to fleet", "Open rollout". */
  name: string;
  /** What it acts on or opens, shown after the name: a rollout or migration id. */
  target?: string;
  keywords?: readonly string[];
  kind: PaletteKind;
  /** Changes traffic or lifts a hold: never preselected. */
  destructive?: boolean;
  /**
   * One of many alike that differ by target ("Pause" of every rollout by name): preselected only
   * when its target was typed too, never because its bare name was.
   */
  needsTarget?: boolean;
  disabled?: boolean;
}

export const SCORE = {
  exact: 60,
  prefix: 50,
  wordPrefix: 40,
  nameContains: 30,
  nameAndTarget: 25,
  target: 20,
  fuzzy: 10,
  none: 0,
} as const;

/** Lifts navigation above actions when the query says where to go. */
const NAVIGATION_BOOST = 5;
/** Words that only say "take me there": dropped when no command is named with them. */
const FILLER_WORDS = new Set(['go', 'goto', 'to', 'open', 'show', 'view']);
const NAVIGATION_WORDS = new Set([
  ...FILLER_WORDS,
  'back',
  'home',
  'fleet',
  'audit',
  'log',
  'migration',
  'migrations',
  'canary',
  'analysis',
]);

const normalise = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
const wordsOf = (s: string): string[] => normalise(s).split(' ').filter(Boolean);

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const ch of haystack) if (ch === needle[i]) i++;
  return i === needle.length;
}

function nameScore(c: PaletteCommand, q: string, allWords: string[]): number {
  const name = normalise(c.name);
  const label = normalise(c.target ? `${c.name} ${c.target}` : c.name);
  if (name === q || label === q) return SCORE.exact;
  if (name.startsWith(q) || label.startsWith(q)) return SCORE.prefix;
  const nameWords = wordsOf(c.name);
  const inName = (w: string) => nameWords.some((n) => n.startsWith(w));
  // "show checkout-prod-eu", "go audit": the filler says where to, the rest says what.
  const meaningful = allWords.filter((w) => !FILLER_WORDS.has(w) || inName(w));
  const qWords = meaningful.length > 0 ? meaningful : allWords;
  if (qWords.every(inName)) return SCORE.wordPrefix;
  if (name.includes(q)) return SCORE.nameContains;
  const about = [c.target ?? '', ...(c.keywords ?? [])].map(normalise);
  const inTarget = (w: string) => about.some((t) => t.includes(w));
  if (qWords.every((w) => inName(w) || inTarget(w)))
    return qWords.some(inName) ? SCORE.nameAndTarget : SCORE.target;
  if (isSubsequence(q.replace(/ /g, ''), label)) return SCORE.fuzzy;
  return SCORE.none;
}

/** How well the command matches the query; 0 when it does not. */
export function commandScore(c: PaletteCommand, query: string): number {
  const q = normalise(query);
  if (q === '') return SCORE.fuzzy;
  const qWords = wordsOf(q);
  const score = nameScore(c, q, qWords);
  if (score === SCORE.none) return score;
  const navigating = c.kind === 'navigation' && qWords.some((w) => NAVIGATION_WORDS.has(w));
  return score + (navigating ? NAVIGATION_BOOST : 0);
}

/** The matching commands, best first; equal scores keep the given order. */
export function rankCommands<C extends PaletteCommand>(commands: readonly C[], query: string): C[] {
  return commands
    .map((command, index) => ({ command, index, score: commandScore(command, query) }))
    .filter((r) => r.score > SCORE.none)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.command);
}

/**
 * The command Enter runs before the person moves the selection: the best match, when it is enabled,
 * not destructive and matched by words (never by a fuzzy guess); an action only when its name was
 * typed. A best match that may not be preselected blocks the weaker ones, so "abort" never lands
 * on "Show Aborted only". Nothing for an empty query.
 */
export function preselected(ranked: readonly PaletteCommand[], query: string): PaletteCommand | undefined {
  const q = normalise(query);
  if (q === '') return undefined;
  const best = ranked[0] ? commandScore(ranked[0], query) : SCORE.none;
  return ranked.find((c) => {
    const score = commandScore(c, query);
    if (score < best || c.disabled || c.destructive) return false;
    if (
      c.needsTarget &&
      !(c.target && normalise(`${c.name} ${c.target}`).startsWith(q) && q.length > normalise(c.name).length)
    )
      return false;
    return score >= (c.kind === 'action' ? SCORE.prefix : SCORE.target);
  });
}
