/**
 * An http(s) address in the form article.json's schema and the pages take, `http(s)://` and no white space: as given
 * where it reads so already (most do, and their bytes stay), else as a browser resolves it (an upper-case scheme,
 * `https:host`, backslashes for slashes), or null where a browser would not read it as an address at all.
 */
export function httpForm(url: string): string | null {
  if (/^https?:\/\/\S+$/u.test(url)) return url
  if (!URL.canParse(url)) return null
  const resolved = new URL(url)
  return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null
}
