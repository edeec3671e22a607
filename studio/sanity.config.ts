import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../schemas/index.ts'
import {SignOffReviewAction} from './actions/sign-off-review.tsx'
import {ReviewStatusBadge} from './badges/review-status-badge.ts'
import {SINGLETON_TYPES, singletonActions, withoutSingletonOptions, withoutSingletonTemplates} from './lib/singletons.ts'
import {defaultDocumentNode} from './preview/index.ts'
import {structure} from './structure/index.ts'

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
      if (context.schemaType === 'article') return [SignOffReviewAction, ...actions]
      if (SINGLETON_TYPES.has(context.schemaType)) return singletonActions(actions)
      return actions
    },
    badges: (badges, context) => (context.schemaType === 'article' ? [...badges, ReviewStatusBadge] : badges),
    newDocumentOptions: (items) => withoutSingletonOptions(items),
  },
})
