import {Box, Button, Flex, Radio, Select, Stack, Text, TextArea, TextInput} from '@sanity/ui'
import {type FormEvent, useId, useState} from 'react'
import {isIsoDate} from '../../domain/dates.ts'
import type {MedicalReviewersQueryResult} from '../../schemas/sanity.types.ts'
import type {ReviewOutcome, SignOff} from './create-review.ts'

export interface SignOffFormProps {
  reviewers: MedicalReviewersQueryResult
  /** Today's date (`YYYY-MM-DD`): the default review date and the latest allowed. */
  today: string
  onConfirm: (signOff: SignOff) => Promise<void>
  onCancel: () => void
}

const OUTCOMES: ReadonlyArray<{value: ReviewOutcome; title: string}> = [
  {value: 'approved', title: 'Approved'},
  {value: 'changesRequested', title: 'Changes requested'},
]

/** The sign-off dialog's form: who reviewed, when, the outcome, and optional internal notes. */
export function SignOffForm({reviewers, today, onConfirm, onCancel}: SignOffFormProps) {
  const id = useId()
  const [reviewerId, setReviewerId] = useState(reviewers.length === 1 ? (reviewers[0]?._id ?? '') : '')
  const [reviewedOn, setReviewedOn] = useState(today)
  const [outcome, setOutcome] = useState<ReviewOutcome>('approved')
  const [notes, setNotes] = useState('')
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const problem = signOffProblem(reviewerId, reviewedOn, today)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (problem || saving) return
    setSaving(true)
    setFailure(null)
    onConfirm({reviewerId, reviewedOn, outcome, notes}).catch((error: unknown) => {
      setSaving(false)
      setFailure(`The sign-off was not saved: ${error instanceof Error ? error.message : String(error)}`)
    })
  }

  return (
    <Box as="form" padding={4} onSubmit={submit}>
      <Stack gap={4}>
        <Stack gap={2}>
          <Text as="label" htmlFor={`${id}-reviewer`} size={1} weight="medium">Reviewer</Text>
          <Select id={`${id}-reviewer`} value={reviewerId} onChange={(event) => setReviewerId(event.currentTarget.value)}>
            <option value="">Choose a medical reviewer…</option>
            {reviewers.map((reviewer) => (
              <option key={reviewer._id} value={reviewer._id}>
                {[reviewer.name ?? 'Unnamed person', reviewer.credentials].filter(Boolean).join(', ')}
              </option>
            ))}
          </Select>
        </Stack>
        <Stack gap={2}>
          <Text as="label" htmlFor={`${id}-date`} size={1} weight="medium">Reviewed on</Text>
          <TextInput id={`${id}-date`} type="date" max={today} value={reviewedOn} onChange={(event) => setReviewedOn(event.currentTarget.value)} />
        </Stack>
        <Stack as="fieldset" gap={3} style={{border: 0, margin: 0, padding: 0}}>
          <Text as="legend" size={1} weight="medium">Outcome</Text>
          {OUTCOMES.map((option) => (
            <Flex key={option.value} as="label" align="center" gap={2}>
              <Radio name={`${id}-outcome`} value={option.value} checked={outcome === option.value} onChange={() => setOutcome(option.value)} />
              <Text size={1}>{option.title}</Text>
            </Flex>
          ))}
        </Stack>
        <Stack gap={2}>
          <Text as="label" htmlFor={`${id}-notes`} size={1} weight="medium">Internal notes (optional, never published)</Text>
          <TextArea id={`${id}-notes`} rows={3} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} />
        </Stack>
        {(failure ?? problem) && (
          <Text role={failure ? 'alert' : 'status'} size={1} muted={!failure}>
            {failure ?? problem}
          </Text>
        )}
        <Flex gap={2} justify="flex-end">
          <Button mode="ghost" text="Cancel" onClick={onCancel} disabled={saving} />
          <Button type="submit" tone="positive" text="Sign off" disabled={Boolean(problem) || saving} loading={saving} />
        </Flex>
      </Stack>
    </Box>
  )
}

/** What stops the form from being confirmed, in the reviewer's words, or null. */
export function signOffProblem(reviewerId: string, reviewedOn: string, today: string): string | null {
  if (!reviewerId) return 'Choose the medical reviewer who signed off.'
  if (!isIsoDate(reviewedOn)) return 'Enter the review date as YYYY-MM-DD.'
  if (reviewedOn > today) return `The review date cannot be after today (${today}).`
  return null
}
