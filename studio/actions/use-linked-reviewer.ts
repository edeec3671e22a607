import {useEffect, useState} from 'react'
import type {SanityClient} from 'sanity'
import type {LinkedReviewersQueryResult} from '../../schemas/sanity.types.ts'
import {linkedReviewersQuery} from '../lib/queries.ts'

export type LinkedReviewers =
  | {status: 'signed-out'}
  | {status: 'loading'}
  | {status: 'ready'; reviewers: LinkedReviewersQueryResult}
  | {status: 'error'; message: string}

/** The medical reviewers linked to the signed-in Studio user (normally one), fetched when the document opens. */
export function useLinkedReviewers(client: SanityClient, userId: string | null): LinkedReviewers {
  const [state, setState] = useState<LinkedReviewers>({status: 'loading'})
  useEffect(() => {
    if (userId === null) return undefined
    let current = true
    setState({status: 'loading'})
    client.fetch(linkedReviewersQuery, {userId}).then(
      (reviewers) => current && setState({status: 'ready', reviewers}),
      (error: unknown) =>
        current && setState({status: 'error', message: error instanceof Error ? error.message : String(error)}),
    )
    return () => {
      current = false
    }
  }, [client, userId])
  return userId === null ? {status: 'signed-out'} : state
}
