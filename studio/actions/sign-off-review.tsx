import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {useState} from 'react'
import {type DocumentActionComponent, useClient, useValidationStatus} from 'sanity'
import {STUDIO_API_VERSION} from '../lib/api.ts'
import {localToday} from '../lib/today.ts'
import {createReview} from './create-review.ts'
import {signOffUnavailableReason} from './sign-off-availability.ts'
import {SignOffForm} from './sign-off-form.tsx'
import {useMedicalReviewers} from './use-medical-reviewers.ts'

/**
 * "Sign off review" on articles: records who reviewed the article as displayed (its draft when there is one),
 * when, with what outcome, and the content hash of exactly that content.
 */
export const SignOffReviewAction: DocumentActionComponent = ({id, type, draft, published}) => {
  const displayed = draft ?? published
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  const reviewers = useMedicalReviewers(client)
  // Same check the Publish action makes: the displayed version, with references that must be published.
  const validation = useValidationStatus(displayed?._id ?? id, type, true)
  const [open, setOpen] = useState(false)
  const reason = signOffUnavailableReason({
    hasDocument: displayed !== null,
    reviewers,
    isValidating: validation.isValidating,
    errorCount: validation.validation.filter((marker) => marker.level === 'error').length,
  })

  return {
    label: 'Sign off review',
    icon: CheckmarkCircleIcon,
    tone: 'positive',
    disabled: reason !== null,
    title: reason ?? 'Record a medical reviewer’s sign-off of the article as shown',
    onHandle: () => setOpen(true),
    dialog:
      open && displayed && reviewers.status === 'ready'
        ? {
            type: 'dialog',
            header: 'Sign off review',
            onClose: () => setOpen(false),
            content: (
              <SignOffForm
                reviewers={reviewers.reviewers}
                today={localToday()}
                onCancel={() => setOpen(false)}
                onConfirm={async (signOff) => {
                  await createReview(client, displayed, published !== null, signOff)
                  setOpen(false)
                }}
              />
            ),
          }
        : null,
  }
}

SignOffReviewAction.displayName = 'SignOffReviewAction'
