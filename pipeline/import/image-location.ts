import path from 'node:path'

/** Where a Markdown image's URL points, as the import sees it: a file it may copy, a URL it never fetches, or neither. */
export type ImageLocation =
  | {kind: 'local'; absolute: string}
  | {kind: 'remote'; url: string}
  | {kind: 'refused'; ruleId: 'image-path' | 'image-outside-root'; reason: string}

const SCHEME = /^[a-z][a-z\d+.-]*:/i

/**
 * Reads an image URL as written in Markdown (`![alt](figures/hand-washing.png)`): a relative URL is a file path from
 * the Markdown file's folder, which must stay inside `root` (the import root), so a file handed to the import cannot
 * make it copy `~/.ssh` or `/etc` into a dataset. Percent-escapes are decoded (`my%20chart.png` is `my chart.png`)
 * and a query or fragment is dropped, as a browser would when loading the file. Absolute paths, other schemes
 * (`file:`, `data:`) and protocol-relative URLs are refused: an import only reads files that travel with the text.
 */
export function locateImage(url: string, markdownFolder: string, root: string): ImageLocation {
  const written = url.trim()
  if (written === '') return refused('image-path', 'It has no path.')
  if (/^https?:/i.test(written)) return {kind: 'remote', url: written}
  if (written.startsWith('//') || written.startsWith('\\\\'))
    return refused(
      'image-path',
      'A URL without a scheme (`//host/…`) is a remote address, and remote images are not fetched.',
    )
  if (SCHEME.test(written))
    return refused('image-path', `Only files beside the Markdown are imported, not \`${written.split(':')[0]}:\` URLs.`)
  if (written.startsWith('/') || written.startsWith('\\'))
    return refused('image-path', 'An absolute path: write the path relative to the Markdown file.')
  const withoutQuery = written.replace(/[?#].*$/s, '')
  const relative = decodePercent(withoutQuery)
  if (relative.includes('\0') || relative === '') return refused('image-path', 'It is not a file path.')
  const absolute = path.resolve(markdownFolder, relative)
  if (!isInside(absolute, root))
    return refused(
      'image-outside-root',
      `It points outside the import root (${root}), and only files under it are read. Keep the image under the root, or import with --image-root set to a folder that holds the Markdown file and its images.`,
    )
  return {kind: 'local', absolute}
}

/** True when `candidate` is `root` or below it (both absolute). */
export function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(root, candidate)
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
}

function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    // A lone `%` is a character of the file name, not an escape.
    return value
  }
}

function refused(ruleId: 'image-path' | 'image-outside-root', reason: string): ImageLocation {
  return {kind: 'refused', ruleId, reason}
}
