// Why a fetch failed, in words: Node's fetch hides the socket's error (ECONNREFUSED, ENOTFOUND) in
// `cause`; backends name that, never "fetch failed".
export function fetchFailureCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${code}: ${cause.message}`
      : cause.message;
  }
  return error.message;
}
