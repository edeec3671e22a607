const DRAFT_PREFIX = 'drafts.'
const VERSION_PREFIX = /^versions\.[^.]+\./

/** The published id of a draft (`drafts.x`), release version (`versions.r.x`) or published (`x`) document id. */
export function publishedId(id: string): string {
  if (id.startsWith(DRAFT_PREFIX)) return id.slice(DRAFT_PREFIX.length)
  return id.replace(VERSION_PREFIX, '')
}

export function isDraftId(id: string): boolean {
  return id.startsWith(DRAFT_PREFIX)
}
