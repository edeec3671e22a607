import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'vetted00',
    dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  },
  // The generated schema and types live with the schemas they describe, so schemas/ and pipeline/ import them
  // without reaching into the Studio.
  schemaExtraction: {
    path: '../schemas/schema.json',
  },
  typegen: {
    path: ['../pipeline/**/*.ts', '../studio/**/*.{ts,tsx}'],
    schema: '../schemas/schema.json',
    generates: '../schemas/sanity.types.ts',
  },
})
