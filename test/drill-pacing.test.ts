import { describe, expect, it } from 'vitest';
import { DrillPacer, MAX_LATE_MS, type PaceStatus } from '../src/main/core/drills/drill-pacer';
import { FakeWall } from './support/fake-wall';
import { tempDirs } from './support/temp-dirs';
import { createDrill } from '../src/main/compose/create-drill-room';
import { scenarioLibrary } from '../src/main/compose/drill-workspace';

const TICK = 10_000;

function paced(options: { stepWallMs?: (n: number) => number } = {}) {
  const wall = new FakeWall();
  let offset = 0;
  let inFlight = 0;
  let overlapped = false;
  const lags: PaceStatus[] = [];
  const pacer = new DrillPacer({
    tickMs: TICK,
    offset: () => offset,
    step: async () => {
      inFlight++;
      if (inFlight > 1) overlapped = true;
      await Promise.resolve();
      // The step's own work: it holds the (fake) wall clock this long.
      wall.time += options.stepWallMs?.(offset / TICK) ?? 0;
      offset += TICK;
      inFlight--;
    },
    onLag: (status) => lags.push(status),
    onError: (error) => {
      throw error;
    },
    timer: wall,
  });
  return { wall, pacer, lags, offset: () => offset, overlapped: () => overlapped };
}

describe('drill pacing', () => {
  it('keeps 1x: ten simulated seconds per ten wall seconds, whatever the steps cost', async () => {
    const d = paced({ stepWallMs: () => 3_000 });
    d.pacer.start(1);
    await d.wall.advance(60_000);
    // Sleeping tick/speed after each 3 s step would have reached only 40 s (60 / 13 steps of 10 s).
    expect(d.offset()).toBe(60_000);
    expect(d.pacer.status.lagging).toBe(false);
  });

  it('keeps 60x: a simulated minute per wall second with steps that take 100 ms of 167', async () => {
    const d = paced({ stepWallMs: () => 100 });
    d.pacer.start(60);
    await d.wall.advance(15_000);
    expect(d.offset() / 15).toBeGreaterThanOrEqual(0.98 * 60_000);
    expect(d.offset()).toBeLessThanOrEqual(15 * 60_000);
    expect(d.lags).toEqual([]);
  });

  it('changes speed from the moment it is set, not from the start', async () => {
    const d = paced();
    d.pacer.start(10);
    await d.wall.advance(3_000); // 30 s at 10x
    expect(d.offset()).toBe(30_000);
    d.pacer.setSpeed(60);
    await d.wall.advance(2_000); // + 120 s at 60x
    expect(d.offset()).toBe(150_000);
    d.pacer.setSpeed(1);
    await d.wall.advance(20_000); // + 20 s at 1x
    expect(d.offset()).toBe(170_000);
  });

  it('keeps the offset over a pause and carries the part-way progress into the resume', async () => {
    const d = paced();
    d.pacer.start(60);
    await d.wall.advance(1_100); // 66 s simulated: 6 steps done, 6 s towards the 7th
    expect(d.offset()).toBe(60_000);
    d.pacer.stop();
    await d.wall.advance(30_000);
    expect(d.offset()).toBe(60_000);
    d.pacer.start(60);
    await d.wall.advance(67); // the remaining 4 s of the 7th step
    expect(d.offset()).toBe(70_000);
    await d.wall.advance(1_000);
    expect(d.offset()).toBe(130_000);
  });

  it('catches a slow step up without firing two steps at once or piling them up', async () => {
    // At 60x a step is due every 167 ms; the third step takes 600 ms.
    const d = paced({ stepWallMs: (n) => (n === 2 ? 600 : 10) });
    d.pacer.start(60);
    await d.wall.advance(2_000);
    expect(d.overlapped()).toBe(false);
    // Behind for a moment, then on schedule again: 2 wall seconds are exactly 120 simulated.
    expect(d.offset()).toBe(120_000);
    expect(d.lags).toEqual([]);
  });

  it('says it is lagging when the machine cannot keep up, and when it holds the pace again', async () => {
    // Steps of 300 ms cannot keep 60x (one is due every 167 ms) until they get quick again.
    const d = paced({ stepWallMs: (n) => (n < 40 ? 300 : 10) });
    d.pacer.start(60);
    await d.wall.advance(6_000);
    expect(d.pacer.status.lagging).toBe(true);
    expect(d.lags[0]).toMatchObject({ lagging: true });
    // What it gave up is accounted for: reached plus dropped is the wall time x 60, less at most
    // the second of backlog it is still catching up.
    expect(d.pacer.status.droppedMs).toBeGreaterThan(0);
    expect(d.offset() + d.pacer.status.droppedMs).toBeGreaterThanOrEqual((6_000 - MAX_LATE_MS) * 60 - TICK);
    await d.wall.advance(10_000);
    expect(d.pacer.status.lagging).toBe(false);
    expect(d.lags.map((l) => l.lagging)).toEqual([true, false]);
    expect(d.overlapped()).toBe(false);
  });
});

describe('a paced drill', () => {
  const temp = tempDirs('drill-pacing-');

  it('runs at its speed on the wall clock, holds its offset while paused and takes a new speed', async () => {
    const wall = new FakeWall();
    const drill = createDrill({
      scenario: scenarioLibrary().load('canary-error-rate'),
      workspaceDir: temp(),
      speed: 60,
      timer: wall,
    });
    const states: string[] = [];
    drill.onEvent((e) => {
      if (e.type === 'state') states.push(e.state);
    });
    drill.start();
    await wall.advance(5_000);
    expect(drill.offset).toBe(300_000);
    drill.pause();
    await wall.advance(60_000);
    expect(drill.offset).toBe(300_000);
    drill.setSpeed(30);
    drill.start();
    await wall.advance(2_000);
    expect(drill.offset).toBe(360_000);
    // The scenario is 30 simulated minutes: at 60x the rest takes 24 wall seconds, then it ends.
    drill.setSpeed(60);
    await wall.advance(25_000);
    expect(drill.state).toBe('ended');
    expect(drill.offset).toBe(1_800_000);
    expect(states).toEqual(['running', 'paused', 'running', 'ended']);
    expect(drill.pace.lagging).toBe(false);
    drill.close();
  });
});
