import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../schemas/index.ts'

export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || 'vetted00'
export const dataset = process.env.SANITY_STUDIO_DATASET || 'production'

export default defineConfig({
  name: 'default',
  title: 'vetted',
  projectId,
  dataset,
  plugins: [structureTool()],
  schema: {types: schemaTypes},
})
