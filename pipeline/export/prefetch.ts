/**
 * Loads items a few ahead of the one being used, and yields them in order: a Content Lake source answers one
 * article per round trip, so waiting for each in turn would make latency, not work, the export's pace.
 */
export async function* prefetch<T, R>(items: readonly T[], ahead: number, load: (item: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const pending: Array<Promise<R>> = []
  let next = 0
  const fill = (): void => {
    while (next < items.length && pending.length < ahead) {
      const promise = load(items[next++] as T)
      // Handled here so a failure ahead of its turn is not "unhandled"; it is rethrown when its turn comes.
      promise.catch(() => {})
      pending.push(promise)
    }
  }
  for (let index = 0; index < items.length; index++) {
    fill()
    const value = await (pending.shift() as Promise<R>)
    yield [items[index] as T, value]
  }
}
