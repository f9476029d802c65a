// Validates a call against the shared contract and routes it to the core. Every transport (IPC,
// HTTP, CLI) goes through here, so they all give the same answers and the same errors.
import type { z } from 'zod';
import { apiInputSchemas, type ApiEnvelope, type ApiMethod, type ApiOutputs } from '../../../shared/api';
import type { ControlRoom } from '../control-room';
import { ApiError } from './api-error';

export interface CallContext {
  role: 'operator' | 'observer';
  /** Who acts when the request names nobody. */
  actor: string;
}

function isMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiInputSchemas, name);
}

function describeIssues(error: z.ZodError): ApiError {
  const [first] = error.issues;
  const field = first && first.path.length > 0 ? first.path.join('.') : undefined;
  const message = error.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return new ApiError('invalid-input', message, field);
}

async function route(
  room: ControlRoom,
  method: ApiMethod,
  input: unknown,
  ctx: CallContext,
): Promise<unknown> {
  const parsed = apiInputSchemas[method].safeParse(input ?? {});
  if (!parsed.success) throw describeIssues(parsed.error);
  const value = parsed.data;
  switch (method) {
    case 'session.get':
      return { ...room.session(), role: ctx.role, actor: ctx.actor };
    case 'fleet.list':
      return room.fleet();
    case 'rollout.get':
      return room.rollout((value as { id: string }).id);
    case 'rollout.metrics':
      return room.metrics(value as z.output<(typeof apiInputSchemas)['rollout.metrics']>);
    case 'rollout.act':
      if (ctx.role !== 'operator') throw new ApiError('forbidden', 'Observers may watch but not act.');
      return room.act(value as z.output<(typeof apiInputSchemas)['rollout.act']>, ctx.actor);
    case 'audit.list':
      return room.auditList(value as z.output<(typeof apiInputSchemas)['audit.list']>);
    case 'audit.verify':
      return room.auditVerify();
  }
}

export async function dispatchApiCall(
  room: ControlRoom,
  method: string,
  input: unknown,
  ctx: CallContext,
): Promise<ApiEnvelope<ApiOutputs[ApiMethod]>> {
  try {
    if (!isMethod(method)) throw new ApiError('not-found', `Unknown API method "${method}"`);
    return { ok: true, value: (await route(room, method, input, ctx)) as ApiOutputs[ApiMethod] };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Internal error: ${message}` } };
  }
}
