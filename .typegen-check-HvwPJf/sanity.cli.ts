import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID || 'vetted00',
    dataset: process.env.SANITY_STUDIO_DATASET || 'production',
  },
  typegen: {
    path: ['../pipeline/**/*.ts', '../studio/**/*.{ts,tsx}', '!../studio/sanity.types.ts'],
    schema: 'schema.json',
    generates: 'sanity.types.ts',
  },
})
