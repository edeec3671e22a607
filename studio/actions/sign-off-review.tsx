import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import {useToast} from '@sanity/ui/toast'
import {useState} from 'react'
import {type DocumentActionComponent, useClient, useCurrentUser, useValidationStatus} from 'sanity'
import {STUDIO_API_VERSION} from '../lib/api.ts'
import {localToday} from '../lib/today.ts'
import {createReview, type NewReview, type Signer} from './create-review.ts'
import {signOffUnavailableReason} from './sign-off-availability.ts'
import {SignOffForm} from './sign-off-form.tsx'
import {useLinkedReviewers} from './use-linked-reviewer.ts'

/**
 * "Sign off review" on articles: the signed-in medical reviewer records that they reviewed the article as
 * displayed (its draft when there is one), when, with what outcome, and the content hash of exactly that
 * content. The reviewer is the person linked to the signed-in user; the user is recorded as the signer.
 */
export const SignOffReviewAction: DocumentActionComponent = ({id, type, draft, published, onComplete}) => {
  const displayed = draft ?? published
  const client = useClient({apiVersion: STUDIO_API_VERSION})
  const user = useCurrentUser()
  const reviewers = useLinkedReviewers(client, user?.id ?? null)
  // Same check the Publish action makes: the displayed version, with references that must be published.
  const validation = useValidationStatus(displayed?._id ?? id, type, true)
  const toast = useToast()
  const [open, setOpen] = useState(false)
  const reason = signOffUnavailableReason({
    hasDocument: displayed !== null,
    user,
    reviewers,
    isValidating: validation.isValidating,
    errorCount: validation.validation.filter((marker) => marker.level === 'error').length,
  })
  const reviewer = reviewers.status === 'ready' && reviewers.reviewers.length === 1 ? reviewers.reviewers[0] : undefined
  const signer: Signer | null = user ? {userId: user.id, name: user.name, email: user.email} : null

  return {
    label: 'Sign off review',
    icon: CheckmarkCircleIcon,
    tone: 'positive',
    disabled: reason !== null,
    title: reason ?? `Record your sign-off (${reviewer?.name ?? 'medical reviewer'}) of the article as shown`,
    onHandle: () => setOpen(true),
    dialog:
      open && displayed && reviewer && signer
        ? {
            type: 'dialog',
            header: 'Sign off review',
            onClose: () => setOpen(false),
            content: (
              <SignOffForm
                reviewer={reviewer}
                signer={signer}
                today={localToday()}
                onCancel={() => setOpen(false)}
                onConfirm={async (signOff) => {
                  const review = await createReview(client, {
                    article: displayed,
                    isPublished: published !== null,
                    reviewerId: reviewer._id,
                    signer,
                    signOff,
                  })
                  setOpen(false)
                  toast.push({
                    status: 'success',
                    closable: true,
                    title: 'Sign-off recorded',
                    description: signOffSummary(review, reviewer.name, displayed.title),
                  })
                  onComplete()
                }}
              />
            ),
          }
        : null,
  }
}

SignOffReviewAction.displayName = 'SignOffReviewAction'

/** The toast's sentence: who signed off what, when, with what outcome. */
export function signOffSummary(review: NewReview, reviewerName: string | null, title: unknown): string {
  const who = reviewerName ?? review.signedBy.name
  const what = typeof title === 'string' && title !== '' ? `“${title}”` : 'the article'
  const outcome = review.outcome === 'approved' ? 'approved' : 'asked for changes to'
  return `${who} ${outcome} ${what} on ${review.reviewedOn}. Signed in as ${review.signedBy.name}.`
}
