import {type DocumentActionComponent, defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../schemas/index.ts'
import {SignOffReviewAction} from './actions/sign-off-review.tsx'
import {ReviewStatusBadge} from './badges/review-status-badge.ts'
import {
  SINGLETON_TYPES,
  singletonActions,
  withoutSingletonOptions,
  withoutSingletonTemplates,
} from './lib/singletons.ts'
import {defaultDocumentNode} from './preview/index.ts'
import {structure} from './structure/index.ts'

/**
 * The sign-off goes right after Publish: the first action is the footer's main button, and for writers that must
 * stay Publish. A reviewer finds "Sign off review" first in the "…" menu.
 */
function withSignOff(actions: DocumentActionComponent[]): DocumentActionComponent[] {
  const publish = actions.findIndex((action) => action.action === 'publish')
  return publish === -1 ? [...actions, SignOffReviewAction] : actions.toSpliced(publish + 1, 0, SignOffReviewAction)
}

export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'vetted00'
export const dataset = process.env.SANITY_STUDIO_DATASET || 'production'

export default defineConfig({
  name: 'default',
  title: 'vetted',
  projectId,
  dataset,
  plugins: [structureTool({structure, defaultDocumentNode})],
  schema: {
    types: schemaTypes,
    templates: (templates) => withoutSingletonTemplates(templates),
  },
  document: {
    actions: (actions, context) => {
      if (context.schemaType === 'article') return withSignOff(actions)
      if (SINGLETON_TYPES.has(context.schemaType)) return singletonActions(actions)
      return actions
    },
    badges: (badges, context) => (context.schemaType === 'article' ? [...badges, ReviewStatusBadge] : badges),
    newDocumentOptions: (items) => withoutSingletonOptions(items),
  },
})
