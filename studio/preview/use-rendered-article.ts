import {useEffect, useMemo, useState} from 'react'
import {useClient} from 'sanity'
import type {RenderedArticle} from '../../pipeline/render/index.ts'
import {renderArticle} from '../../pipeline/render/index.ts'
import {contentHash} from '../../domain/content-hash.ts'
import {reviewState} from '../../domain/review-status.ts'
import {STUDIO_API_VERSION} from '../lib/api.ts'
import {localToday} from '../lib/today.ts'
import {
  type EditedArticle,
  previewArticle,
  previewSourceParams,
  previewSourcesQuery,
  type PreviewSources,
} from './preview-sources.ts'

export type RenderedPreview =
  {state: 'loading'} | {state: 'ready'; rendered: RenderedArticle} | {state: 'error'; message: string}

/** Typing pauses this long before the preview renders again. */
const RENDER_DELAY_MS = 250

/**
 * The edited article rendered by the pipeline's own renderer (same route, same sanitizer, same citation styles),
 * with review facts from the shared `reviewState` as of today where the editor sits.
 */
export function useRenderedArticle(article: EditedArticle): RenderedPreview {
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  const params = previewSourceParams(article)
  const paramsKey = JSON.stringify(params)
  const stableParams = useMemo(() => JSON.parse(paramsKey) as typeof params, [paramsKey])
  const [sources, setSources] = useState<PreviewSources | null>(null)
  const [result, setResult] = useState<RenderedPreview>({state: 'loading'})

  useEffect(() => {
    let current = true
    client.fetch<PreviewSources>(previewSourcesQuery, stableParams).then(
      (fetched) => current && setSources(fetched),
      (error: unknown) =>
        current &&
        setResult({
          state: 'error',
          message: `Could not load the article’s authors, sources and sign-offs: ${String(error)}`,
        }),
    )
    return () => {
      current = false
    }
  }, [client, stableParams])

  useEffect(() => {
    if (!sources) return undefined
    let current = true
    const timer = setTimeout(async () => {
      try {
        const source = previewArticle(article, sources)
        const hash = await contentHash(source, (id) => source.citations.find((citation) => citation._id === id))
        const asOf = localToday()
        const review = reviewState({contentHash: hash, reviews: source.reviews, policy: sources.settings, asOf})
        const rendered = await renderArticle({
          article: source,
          settings: sources.settings,
          review,
          contentHash: hash,
          asOf,
          datasetLabel: 'Studio preview',
          // The preview shows each image from the CDN: the export's image store does not run in Studio.
          images: Object.fromEntries(
            (source.images ?? []).flatMap(({_id, url, width, height, mimeType}) =>
              url && width && height
                ? [[_id, {file: url, width, height, mimeType: mimeType ?? 'image/png', srcset: []}]]
                : [],
            ),
          ),
        })
        if (current) setResult({state: 'ready', rendered})
      } catch (error) {
        if (current) setResult({state: 'error', message: `The preview could not be rendered: ${String(error)}`})
      }
    }, RENDER_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [article, sources])

  return result
}
