import {useEffect, useState} from 'react'
import type {SanityClient} from 'sanity'
import type {MedicalReviewersQueryResult} from '../../schemas/sanity.types.ts'
import {medicalReviewersQuery} from '../lib/queries.ts'

export type MedicalReviewers =
  | {status: 'loading'}
  | {status: 'ready'; reviewers: MedicalReviewersQueryResult}
  | {status: 'error'; message: string}

/** The people who may sign off, fetched once when the document opens. */
export function useMedicalReviewers(client: SanityClient): MedicalReviewers {
  const [state, setState] = useState<MedicalReviewers>({status: 'loading'})
  useEffect(() => {
    let current = true
    client.fetch(medicalReviewersQuery).then(
      (reviewers) => current && setState({status: 'ready', reviewers}),
      (error: unknown) => current && setState({status: 'error', message: error instanceof Error ? error.message : String(error)}),
    )
    return () => {
      current = false
    }
  }, [client])
  return state
}
