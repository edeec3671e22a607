import {createClient} from '@sanity/client'
import {LAKE_API_VERSION} from '../source/lake-source.ts'
import type {ListenerOptions} from './listener.ts'

/** The Content Lake variables `--listen` needs; the token is required because listening reads the dataset's changes. */
export const LISTEN_ENV = ['SANITY_PROJECT_ID', 'SANITY_DATASET', 'SANITY_API_TOKEN'] as const

export function missingListenEnv(env: Record<string, string | undefined>): string[] {
  return LISTEN_ENV.filter((name) => !env[name])
}

/**
 * `client.listen` bound to the project in the environment. `SANITY_API_HOST` points it at another host (a local
 * stand-in in tests), as it does for the export's source.
 */
export function contentLakeListen(env: Record<string, string | undefined>): ListenerOptions['listen'] {
  const client = createClient({
    projectId: env.SANITY_PROJECT_ID,
    dataset: env.SANITY_DATASET,
    token: env.SANITY_API_TOKEN,
    apiVersion: LAKE_API_VERSION,
    useCdn: false,
    ...(env.SANITY_API_HOST ? {apiHost: env.SANITY_API_HOST, useProjectHostname: false} : {}),
  })
  return (query, options) => client.listen(query, {}, {...options, events: [...options.events]})
}
