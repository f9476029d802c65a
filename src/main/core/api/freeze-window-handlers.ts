import type { FreezeWindowsApiOutputs } from '../../../shared/api';
import type { FreezeWindowSettings } from '../../../shared/freeze-windows';
import type { FreezeWindowService } from '../freeze-windows/freeze-window-service';
import type { HandlersFor } from './api-handlers';

/** Drops the keys a form left empty, so config.yaml gets only what the person wrote. */
function written(window: FreezeWindowSettings): FreezeWindowSettings {
  const given = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const { name, environments, weekly } = window;
  const out = {
    name,
    environments: environments && environments.length > 0 ? environments : undefined,
    timezone: given(window.timezone),
    start: given(window.start),
    end: given(window.end),
    weekly: weekly && {
      ...(weekly.days?.length ? { days: weekly.days } : {}),
      from: weekly.from,
      to: weekly.to,
    },
    reason: given(window.reason),
  };
  return {
    name,
    ...(Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Omit<
      FreezeWindowSettings,
      'name'
    >),
  };
}

export function freezeWindowHandlers(
  windows: FreezeWindowService,
): HandlersFor<keyof FreezeWindowsApiOutputs> {
  return {
    'freezeWindows.list': () => windows.list(),
    'freezeWindows.save': ({ window, editing }, ctx) => windows.save(written(window), editing, ctx.actor),
    'freezeWindows.remove': ({ name }, ctx) => windows.remove(name, ctx.actor),
  };
}
