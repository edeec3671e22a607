import type {ValidationClient} from '@sanity/validation'
import {evaluate, parse} from 'groq-js'
import {from, type Observable} from 'rxjs'

/**
 * Just enough of a Sanity client for `validateDocument`, answering GROQ with groq-js over documents held in
 * memory (a dataset file, test fixtures), so custom rules that query (slug uniqueness, reviewer roles,
 * citation existence) run without the Content Lake. Browser-safe: no Node APIs.
 *
 * Like the Content Lake's raw perspective, it sees every document given, drafts included; queries that must
 * not see drafts say so themselves.
 */
export interface LocalGroqClient {
  fetch<R = unknown>(query: string, params?: Record<string, unknown>): Promise<R>
  getDataUrl(operation: string, path?: string): string
  observable: {
    fetch(query: string, params?: Record<string, unknown>): Observable<unknown>
    request(options: {url?: string; uri?: string}): Observable<unknown>
  }
  withConfig(config?: unknown): LocalGroqClient
  /** For `validateDocument({getDocumentExists})`: whether a document with this id is in the set. */
  getDocumentExists(options: {id: string}): Promise<boolean>
  /** This client in the structural type `validateDocument` asks for. */
  asValidationClient(): ValidationClient
}

interface StoredDocument {
  _id: string
  _type: string
}

export function createLocalGroqClient(documents: readonly StoredDocument[]): LocalGroqClient {
  const dataset = [...documents]
  const ids = new Set(dataset.map((document) => document._id))

  async function fetch<R>(query: string, params: Record<string, unknown> = {}): Promise<R> {
    const value = await evaluate(parse(query, {params}), {dataset, params})
    return (await value.get()) as R
  }

  /** The `doc` endpoint, as the default reference-existence check calls it: `/data/doc/<dataset>/<id,id>`. */
  async function request(options: {url?: string; uri?: string}): Promise<unknown> {
    const url = options.url ?? options.uri ?? ''
    const match = /\/data\/doc\/[^/]+\/([^?]+)/.exec(url)
    if (!match?.[1]) throw new Error(`The local GROQ client only answers the doc endpoint, not \`${url}\``)
    const requested = decodeURIComponent(match[1]).split(',')
    return {
      documents: dataset.filter((document) => requested.includes(document._id)),
      omitted: requested.filter((id) => !ids.has(id)).map((id) => ({id, reason: 'existence'})),
    }
  }

  const client: LocalGroqClient = {
    fetch,
    getDataUrl: (operation, path) => `/data/${operation}/local${path ? `/${path}` : ''}`,
    observable: {
      fetch: (query, params) => from(fetch(query, params)),
      request: (options) => from(request(options)),
    },
    // Perspectives and API versions do not change what an in-memory dataset holds.
    withConfig: () => client,
    getDocumentExists: ({id}) => Promise.resolve(ids.has(id)),
    asValidationClient: () => client as unknown as ValidationClient,
  }
  return client
}
