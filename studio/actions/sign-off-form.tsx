import {Box, Button, Flex, Radio, Stack, Text, TextArea, TextInput} from '@sanity/ui'
import {type FormEvent, useId, useState} from 'react'
import {isIsoDate} from '../../domain/dates.ts'
import type {ReviewOutcome, SignOff, Signer} from './create-review.ts'

export interface SignOffFormProps {
  /** The medical reviewer linked to the signed-in user: the only one this user can sign off as. */
  reviewer: {name: string | null; credentials: string | null}
  signer: Signer
  /** Today's date (`YYYY-MM-DD`): the default review date and the latest allowed. */
  today: string
  onConfirm: (signOff: SignOff) => Promise<void>
  onCancel: () => void
}

const OUTCOMES: ReadonlyArray<{value: ReviewOutcome; title: string}> = [
  {value: 'approved', title: 'Approved'},
  {value: 'changesRequested', title: 'Changes requested'},
]

/** The sign-off dialog's form: who reviews (fixed: the signed-in reviewer), when, the outcome, internal notes. */
export function SignOffForm({reviewer, signer, today, onConfirm, onCancel}: SignOffFormProps) {
  const id = useId()
  const [reviewedOn, setReviewedOn] = useState(today)
  const [outcome, setOutcome] = useState<ReviewOutcome>('approved')
  const [notes, setNotes] = useState('')
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const problem = signOffProblem(reviewedOn, today)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (problem || saving) return
    setSaving(true)
    setFailure(null)
    onConfirm({reviewedOn, outcome, notes}).catch((error: unknown) => {
      setSaving(false)
      setFailure(`The sign-off was not saved: ${error instanceof Error ? error.message : String(error)}`)
    })
  }

  return (
    <Box as="form" padding={4} onSubmit={submit}>
      <Stack gap={4}>
        <Stack gap={2}>
          <Text size={1} weight="medium" id={`${id}-reviewer`}>
            Reviewer
          </Text>
          <Text size={1} aria-labelledby={`${id}-reviewer`} data-testid="sign-off-reviewer">
            {[reviewer.name ?? 'Unnamed person', reviewer.credentials].filter(Boolean).join(', ')}
          </Text>
          <Text size={1} muted>
            Signed in as {signer.name}
            {signer.email ? ` (${signer.email})` : ''}; the sign-off records this account.
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text as="label" htmlFor={`${id}-date`} size={1} weight="medium">
            Reviewed on
          </Text>
          <TextInput
            id={`${id}-date`}
            type="date"
            max={today}
            value={reviewedOn}
            onChange={(event) => setReviewedOn(event.currentTarget.value)}
          />
        </Stack>
        <Stack as="fieldset" gap={3} style={{border: 0, margin: 0, padding: 0}}>
          <Text as="legend" size={1} weight="medium">
            Outcome
          </Text>
          {OUTCOMES.map((option) => (
            <Flex key={option.value} as="label" align="center" gap={2}>
              <Radio
                name={`${id}-outcome`}
                value={option.value}
                checked={outcome === option.value}
                onChange={() => setOutcome(option.value)}
              />
              <Text size={1}>{option.title}</Text>
            </Flex>
          ))}
        </Stack>
        <Stack gap={2}>
          <Text as="label" htmlFor={`${id}-notes`} size={1} weight="medium">
            Internal notes (optional, never published)
          </Text>
          <TextArea
            id={`${id}-notes`}
            rows={3}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
          />
        </Stack>
        {(failure ?? problem) && (
          <Text role={failure ? 'alert' : 'status'} size={1} muted={!failure}>
            {failure ?? problem}
          </Text>
        )}
        <Flex gap={2} justify="flex-end">
          <Button mode="ghost" text="Cancel" onClick={onCancel} disabled={saving} />
          <Button
            type="submit"
            tone="positive"
            text="Sign off"
            disabled={Boolean(problem) || saving}
            loading={saving}
          />
        </Flex>
      </Stack>
    </Box>
  )
}

/** What stops the form from being confirmed, in the reviewer's words, or null. */
export function signOffProblem(reviewedOn: string, today: string): string | null {
  if (!isIsoDate(reviewedOn)) return 'Enter the review date as YYYY-MM-DD.'
  if (reviewedOn > today) return `The review date cannot be after today (${today}).`
  return null
}
