// Validates a call against the shared contract and routes it to its handler. Every transport (IPC,
// HTTP, CLI) goes through here, so they all give the same answers and the same errors.
import type { z } from 'zod';
import {
  apiInputSchemas,
  OPERATOR_METHODS,
  type ApiEnvelope,
  type ApiMethod,
  type ApiOutputs,
} from '../../../shared/api';
import type { ApiHandler, ApiHandlers, CallContext } from './api-handlers';
import { ApiError } from './api-error';

export type { CallContext };

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

export async function dispatchApiCall(
  handlers: ApiHandlers,
  method: string,
  input: unknown,
  ctx: CallContext,
): Promise<ApiEnvelope<ApiOutputs[ApiMethod]>> {
  try {
    if (!isMethod(method)) throw new ApiError('not-found', `Unknown API method "${method}"`);
    if (OPERATOR_METHODS.has(method) && ctx.role !== 'operator')
      throw new ApiError('forbidden', 'Observers may watch but not act.');
    const parsed = apiInputSchemas[method].safeParse(input ?? {});
    if (!parsed.success) throw describeIssues(parsed.error);
    const handler = handlers[method] as ApiHandler<ApiMethod>;
    return { ok: true, value: await handler(parsed.data as never, ctx) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `Internal error: ${message}` } };
  }
}
