import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {ReviewStatus} from '../../domain/review-status.ts'
import {isPublicationAction, PUBLICATION_ACTIONS, type PublicationAction} from '../export/review-policy.ts'
import {UsageError} from './run.ts'

/** Review statuses as options name them: the status itself, or the settings' field name. */
const STATUS_NAMES: Readonly<Record<string, ReviewStatus>> = {
  unreviewed: 'unreviewed',
  current: 'current',
  overdue: 'overdue',
  'edited-since-review': 'edited-since-review',
  editedSinceReview: 'edited-since-review',
  'changes-requested': 'changes-requested',
  changesRequested: 'changes-requested',
  'due-soon': 'due-soon',
  dueSoon: 'due-soon',
}
const SEVERITY_STATUSES = 'unreviewed, overdue, edited-since-review, changes-requested or due-soon'
const LEVELS = ['error', 'warning', 'info', 'off'] as const

/** `status=value` pairs from repeated or comma-separated option values. */
function pairs(values: unknown): Array<[string, string]> {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values]
  return list
    .flatMap((value) => String(value).split(','))
    .map((pair) => {
      const [name = '', value = ''] = pair.split('=').map((part) => part.trim())
      return [name, value]
    })
}

/** `--severity overdue=error,due-soon=off` (validate and export). */
export function parseSeverity(values: unknown): ReviewSeverity {
  const severity: ReviewSeverity = {}
  for (const [name, level] of pairs(values)) {
    const status = STATUS_NAMES[name]
    if (!status || status === 'current')
      throw new UsageError(`--severity: unknown review status \`${name}\`; use ${SEVERITY_STATUSES}.`)
    const known = LEVELS.find((candidate) => candidate === level)
    if (!known) throw new UsageError(`--severity ${name}: unknown level \`${level}\`; use error, warning, info or off.`)
    severity[status] = known
  }
  return severity
}

/** `--policy edited-since-review=keep-last-reviewed,changes-requested=block` (export). */
export function parsePolicy(values: unknown): Partial<Record<ReviewStatus, PublicationAction>> {
  const policy: Partial<Record<ReviewStatus, PublicationAction>> = {}
  for (const [name, action] of pairs(values)) {
    const status = STATUS_NAMES[name]
    if (!status) {
      throw new UsageError(
        `--policy: unknown review status \`${name}\`; ` +
          'use current, due-soon, overdue, edited-since-review, changes-requested or unreviewed.',
      )
    }
    if (!isPublicationAction(action)) {
      throw new UsageError(`--policy ${name}: unknown action \`${action}\`; use ${PUBLICATION_ACTIONS.join(', ')}.`)
    }
    policy[status] = action
  }
  return policy
}
