import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {writeStreamed, type Write} from '../../stream-file.ts'
import {sitemapPieces, sitemapUrls, writeCatalogue} from './catalogue.ts'
import {writeRecorded} from './files.ts'
import {buildManifest, withFiles, writeManifest} from './manifest.ts'
import type {FileRecord, Manifest, ManifestArticle, ManifestHeader} from './manifest.ts'

/**
 * The release's own files in the staging folder: the catalogue (built from the manifest), the sitemap (when articles
 * have a public address), the two schemas; then the manifest that fingerprints them all. The catalogue, sitemap and
 * manifest grow with the articles: each is written as a stream (`stream-file.ts`), hashed on the way. None is synced
 * here: `syncManifestFile` syncs them once it is known that the release differs from the live one (a re-export with
 * nothing changed discards them unsynced). Loaded only by a run that writes them: the catalogue's HTML modules are a
 * tenth of a re-export's start-up.
 */
export function writeReleaseFiles(
  staging: string,
  header: ManifestHeader,
  entries: readonly ManifestArticle[],
  schemas: {articleSchema: string; manifestSchema: string},
  images: Record<string, FileRecord> = {},
): {manifest: Manifest; manifestSha256: string} {
  const files: Record<string, FileRecord> = {}
  const file = (name: string): string => path.join(staging, name)
  const catalogueOf = buildManifest(header, entries, {})
  files['index.html'] = writeStreamed(file('index.html'), (write) => writeCatalogue(catalogueOf, write), false)
  mkdirSync(file('schema'))
  files['schema/article.schema.json'] = writeRecorded(file('schema/article.schema.json'), schemas.articleSchema, false)
  files['schema/manifest.schema.json'] = writeRecorded(
    file('schema/manifest.schema.json'),
    schemas.manifestSchema,
    false,
  )
  const urls = sitemapUrls(entries)
  if (urls.length > 0) {
    const sitemap = (write: Write): void => {
      for (const piece of sitemapPieces(urls)) write(piece)
    }
    files['sitemap.xml'] = writeStreamed(file('sitemap.xml'), sitemap, false)
  }
  // The catalogue's manifest with the files listed: its articles are sorted and normalised once, not twice.
  const manifest = withFiles(catalogueOf, {...files, ...images})
  const {sha256: manifestSha256} = writeStreamed(
    file('manifest.json'),
    (write) => writeManifest(manifest, write),
    false,
  )
  return {manifest, manifestSha256}
}
