// One lane drawn on a canvas: the alerts as bars, the error-rate burn as two lines (stable dashed,
// canary solid), and the changes as glyphs, one per few pixels when dense, so 10,000 changes draw
// in a few hundred strokes. The suspect change gets a ring and the word "suspect".
import type { AlertSpan } from '../../../shared/alerts';
import type { ChangeLane } from '../../../shared/api/changes-api';
import type { Change } from '../../../shared/changes';
import { KIND_LOOK } from './change-kind-words';

/** Changes closer than this (px) share one mark: the newest speaks, with the count. */
export const MARK_BUCKET_PX = 8;

export interface LaneMark {
  x: number;
  change: Change;
  count: number;
}

export interface Axis {
  from: number;
  to: number;
  width: number;
}

export const xOf = (axis: Axis, time: number): number =>
  ((time - axis.from) / Math.max(1, axis.to - axis.from)) * axis.width;

/** The marks of a lane, bucketed: one per MARK_BUCKET_PX, the newest change of each. */
export function laneMarks(changes: readonly Change[], axis: Axis, suspectId?: string): LaneMark[] {
  const buckets = new Map<number, LaneMark>();
  for (const change of changes) {
    const x = xOf(axis, Date.parse(change.time));
    const key = Math.floor(x / MARK_BUCKET_PX);
    const had = buckets.get(key);
    if (!had) buckets.set(key, { x, change, count: 1 });
    else {
      had.count++;
      // The suspect always shows; otherwise the newest.
      if (had.change.id !== suspectId && (change.id === suspectId || change.time > had.change.time)) {
        had.change = change;
        had.x = x;
      }
    }
  }
  return [...buckets.values()];
}

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim() || '#888';
}

export function drawLane(
  canvas: HTMLCanvasElement,
  axis: Axis,
  height: number,
  lane: ChangeLane | undefined,
  marks: readonly LaneMark[],
  alerts: readonly AlertSpan[],
): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.floor(axis.width));
  if (canvas.width !== w * dpr || canvas.height !== height * dpr) {
    canvas.width = w * dpr;
    canvas.height = height * dpr;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const style = getComputedStyle(canvas);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';

  // Alerts: a bar along the top from when each began to when it ended (or now).
  for (const a of alerts) {
    const x0 = Math.max(0, xOf(axis, Date.parse(a.startsAt)));
    const x1 = Math.min(w, xOf(axis, a.endsAt ? Date.parse(a.endsAt) : axis.to));
    if (x1 < 0 || x0 > w) continue;
    ctx.fillStyle = cssVar(style, '--c-critical');
    ctx.globalAlpha = 0.22;
    ctx.fillRect(x0, 0, Math.max(2, x1 - x0), height);
    ctx.globalAlpha = 1;
    ctx.fillRect(x0, 0, Math.max(2, x1 - x0), 4);
    if (x1 - x0 > 60) ctx.fillText(`⚠ alert ${a.name}`, x0 + 4, 11);
  }

  const plotTop = 16;
  const plotBottom = height - 4;
  if (lane && 'points' in lane.burn) {
    const points = lane.burn.points;
    let max = 0.01;
    for (const p of points) max = Math.max(max, p.stable ?? 0, p.canary ?? 0);
    const y = (v: number) => plotBottom - (v / max) * (plotBottom - plotTop);
    const line = (pick: 'stable' | 'canary', color: string, dash: number[]) => {
      ctx.beginPath();
      let open = false;
      for (const p of points) {
        const v = p[pick];
        if (v === null) {
          open = false;
          continue;
        }
        const px = xOf(axis, Date.parse(p.time));
        if (open) ctx.lineTo(px, y(v));
        else ctx.moveTo(px, y(v));
        open = true;
      }
      ctx.setLineDash(dash);
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.setLineDash([]);
    };
    line('stable', cssVar(style, '--muted'), [3, 3]);
    line('canary', cssVar(style, '--c-degraded'), []);
    ctx.fillStyle = cssVar(style, '--muted');
    ctx.textAlign = 'right';
    ctx.fillText(`errors ≤ ${(max * 100).toFixed(max < 0.1 ? 1 : 0)}%`, w - 4, plotTop);
    ctx.textAlign = 'left';
  }

  const suspectId = lane?.suspect?.changeId;
  ctx.font = '14px system-ui, sans-serif';
  ctx.textAlign = 'center';
  const mid = (plotTop + plotBottom) / 2 + 4;
  for (const m of marks) {
    const look = KIND_LOOK[m.change.kind];
    ctx.fillStyle = cssVar(style, look.color);
    ctx.fillText(look.glyph, m.x, mid);
    if (m.count > 1) {
      ctx.font = '9px system-ui, sans-serif';
      ctx.fillText(String(m.count), m.x, mid + 12);
      ctx.font = '14px system-ui, sans-serif';
    }
    if (m.change.id === suspectId) {
      ctx.strokeStyle = cssVar(style, '--text-strong');
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(m.x, mid, 10, 0, Math.PI * 2);
      ctx.stroke();
      ctx.font = 'bold 11px system-ui, sans-serif';
      ctx.fillStyle = cssVar(style, '--text-strong');
      ctx.fillText('suspect', m.x, plotTop - 6);
      ctx.font = '14px system-ui, sans-serif';
    }
  }
  ctx.textAlign = 'left';
}
