// The alerts seen, as firing intervals, kept in the workspace (alerts-seen.json, 0600, replaced
// atomically) so the what-changed axis, postmortems and the playbook coverage of the last 30 days
// survive a restart. Bounded: older than the retention, or beyond the cap, is dropped.
import { readFileSync } from 'node:fs';
import type { Alert, AlertSpan } from '../../../shared/alerts';
import { isoTime } from '../clock';
import { writeFileAtomic } from '../persistence/atomic-write';

export const HISTORY_DAYS = 30;
const RETENTION_MS = HISTORY_DAYS * 86_400_000;
const MAX_SPANS = 5_000;

export class AlertHistory {
  private spans: AlertSpan[] = [];
  /** Open spans by alert id. */
  private readonly open = new Map<string, AlertSpan>();
  private dirty = false;
  /** Why the file could not be read at start, shown as a source problem. */
  readonly problem: string | undefined;

  constructor(private readonly path: string | undefined) {
    if (!path) return;
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as { spans?: AlertSpan[] };
      this.spans = Array.isArray(saved.spans) ? saved.spans.filter(isSpan) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.problem = `${path} could not be read (${String(error)}); alert history starts afresh`;
    }
    for (const s of this.spans) if (s.endsAt === undefined) this.open.set(s.id, s);
  }

  /**
   * What one source fires now. Alerts of that source that no longer fire end now; new ones open a
   * span. Returns the alerts that began firing in this reading.
   */
  observe(source: string, firing: readonly Alert[], now: number): Alert[] {
    const fresh: Alert[] = [];
    const ids = new Set(firing.map((a) => a.id));
    for (const [id, span] of this.open)
      if (id.startsWith(`${source}/`) && !ids.has(id)) {
        span.endsAt = isoTime(now);
        this.open.delete(id);
        this.dirty = true;
      }
    for (const a of firing) {
      if (this.open.has(a.id)) continue;
      const span: AlertSpan = {
        id: a.id,
        name: a.name,
        startsAt: a.startsAt,
        ...(a.severity ? { severity: a.severity } : {}),
        ...(a.service ? { service: a.service } : {}),
        ...(a.environment ? { environment: a.environment } : {}),
      };
      this.spans.push(span);
      this.open.set(a.id, span);
      fresh.push(a);
      this.dirty = true;
    }
    this.trim(now);
    return fresh;
  }

  /** Whether an alert id was already firing before this process read it (a restart is not news). */
  wasOpen(id: string): boolean {
    return this.open.has(id);
  }

  between(from: number, to: number): AlertSpan[] {
    return this.spans.filter((s) => {
      const start = Date.parse(s.startsAt);
      const end = s.endsAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(s.endsAt);
      return start < to && end >= from;
    });
  }

  /** Alert names seen since `from`. */
  namesSince(from: number): string[] {
    return [...new Set(this.between(from, Number.POSITIVE_INFINITY).map((s) => s.name))].sort();
  }

  /** Writes the file when something changed; a failure leaves the history in memory. */
  save(): string | undefined {
    if (!this.path || !this.dirty) return undefined;
    try {
      writeFileAtomic(this.path, `${JSON.stringify({ version: 1, spans: this.spans })}\n`);
      this.dirty = false;
      return undefined;
    } catch (error) {
      return `alert history not saved to ${this.path}: ${String(error)}`;
    }
  }

  private trim(now: number): void {
    const keepFrom = now - RETENTION_MS;
    const before = this.spans.length;
    this.spans = this.spans.filter((s) => s.endsAt === undefined || Date.parse(s.endsAt) >= keepFrom);
    if (this.spans.length > MAX_SPANS) this.spans = this.spans.slice(this.spans.length - MAX_SPANS);
    if (this.spans.length !== before) this.dirty = true;
  }
}

function isSpan(value: unknown): value is AlertSpan {
  const s = value as Partial<AlertSpan> | null;
  return typeof s?.id === 'string' && typeof s.name === 'string' && typeof s.startsAt === 'string';
}
