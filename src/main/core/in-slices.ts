// Long bursts of work (judging hundreds of canaries) run in slices with the event loop served in
// between, so API requests and the UI's updates never wait behind a whole burst.

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function inSlices<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await yieldToEventLoop();
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  }
  return results;
}
