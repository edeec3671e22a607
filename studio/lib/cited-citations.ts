/**
 * Ids of the citations an article body cites through inline citation markers, in order of first
 * appearance and without repeats: the same set `articleQuery` joins in the pipeline.
 */
export function citedCitationIds(body: readonly unknown[] | null | undefined): string[] {
  const ids: string[] = []
  for (const block of body ?? []) {
    if (!isRecord(block) || !Array.isArray(block.children)) continue
    for (const child of block.children) {
      if (!isRecord(child) || child._type !== 'citationMarker' || !isRecord(child.citation)) continue
      const ref = child.citation._ref
      if (typeof ref === 'string' && !ids.includes(ref)) ids.push(ref)
    }
  }
  return ids
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
