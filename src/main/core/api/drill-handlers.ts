// The drills API: a drill room answers for its live drill (the facilitator alone may drive it);
// every room answers for the workspace's scenarios, drill history and reports. A room that is not
// a drill's says so plainly rather than pretending an empty drill.
import type { DrillsApiOutputs } from '../../../shared/api';
import type {
  DrillActionView,
  DrillHistory,
  DrillInjectView,
  DrillReport,
  DrillStatus,
  ScenarioSummary,
} from '../../../shared/drills';
import type { DrillServerView, StartedDrill } from '../../../shared/drill-servers';
import type { ApiParsedInput } from '../../../shared/api';
import { ApiError } from './api-error';
import type { CallContext, HandlersFor } from './api-handlers';

/** The drill a drill room runs, as the API drives it. */
export interface LiveDrill {
  status(ctx: CallContext): DrillStatus;
  control(command: 'start' | 'pause' | 'step' | 'reset' | 'end', ctx: CallContext): Promise<DrillStatus>;
  speed(speed: number, ctx: CallContext): DrillStatus;
  inject(inject: Record<string, unknown>, ctx: CallContext): Promise<DrillInjectView>;
  /** Any operator: ends a config push in effect, on the drill's record. */
  revertConfig(config: string, reason: string, ctx: CallContext): DrillActionView;
}

/** The workspace's scenarios and its finished drills. */
export interface DrillArchive {
  scenarios(): ScenarioSummary[];
  history(filter: { scenario?: string; team?: string }): DrillHistory;
  report(id: string): DrillReport;
}

/** Drill rooms this control room starts, each in its own process (drills.start/running/stop). */
export interface DrillLauncher {
  start(request: ApiParsedInput<'drills.start'>, ctx: CallContext): Promise<StartedDrill>;
  running(ctx: CallContext): DrillServerView[];
  stop(pid: number, ctx: CallContext): Promise<void>;
}

const NOT_A_LAUNCHER =
  'a drill room does not start drills; start one from the control room (the Drills view) or with: control-room serve --drill <scenario>';

const NOT_A_DRILL =
  'this control room is not running a drill; start one with: control-room serve --drill <scenario>';

export function drillHandlers(
  live: LiveDrill | undefined,
  archive: DrillArchive,
  launcher?: DrillLauncher,
): HandlersFor<keyof DrillsApiOutputs> {
  const launch = (): DrillLauncher => {
    if (!launcher) throw new ApiError('precondition-failed', NOT_A_LAUNCHER);
    return launcher;
  };
  const drill = (): LiveDrill => {
    if (!live) throw new ApiError('precondition-failed', NOT_A_DRILL);
    return live;
  };
  return {
    'drill.status': (_input, ctx) => live?.status(ctx) ?? null,
    'drill.control': ({ command }, ctx) => drill().control(command, ctx),
    'drill.speed': ({ speed }, ctx) => drill().speed(speed, ctx),
    'drill.inject': ({ inject }, ctx) => drill().inject(inject, ctx),
    'drill.revertConfig': ({ config, reason }, ctx) => drill().revertConfig(config, reason ?? '', ctx),
    'drills.scenarios': () => archive.scenarios(),
    'drills.history': (filter) => archive.history(filter),
    'drills.report': ({ id }) => archive.report(id),
    'drills.start': (request, ctx) => launch().start(request, ctx),
    'drills.running': (_input, ctx) => launcher?.running(ctx) ?? [],
    'drills.stop': async ({ pid }, ctx) => {
      await launch().stop(pid, ctx);
      return { pid, stopped: true as const };
    },
  };
}
