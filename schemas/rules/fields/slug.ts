import {RESERVED_SLUGS, SLUG_MAX_LENGTH, SLUG_PATTERN, WINDOWS_DEVICE_NAMES} from '../../../domain/slug.ts'
import {defineRule} from '../rule.ts'

const SLUG_CHARACTERS = /^[a-z0-9-]+$/

/** A slug becomes a folder and a URL path: lowercase letters, digits and hyphens only, so it is safe everywhere. */
export const slugFormatRule = defineRule<string | null | undefined>({
  id: 'slug-format',
  severity: 'error',
  description: 'Slugs use only lowercase letters a–z, digits and hyphens, and are at most 96 characters long.',
  check(value) {
    if (typeof value !== 'string' || value === '') return []
    const issues = []
    if (!SLUG_CHARACTERS.test(value)) {
      const bad = [...new Set(value.replace(/[a-z0-9-]/g, ''))].map((character) => describeCharacter(character))
      issues.push({
        message: `The slug may only contain lowercase letters a–z, digits and hyphens; it contains ${bad.join(', ')}. Click “Generate” to rebuild it from the title, or fix it by hand.`,
      })
    }
    if (SLUG_CHARACTERS.test(value) && !SLUG_PATTERN.test(value)) {
      issues.push({
        message:
          'The slug may not start or end with a hyphen or have two hyphens in a row. Click “Generate” to rebuild it from the title, or fix it by hand.',
      })
    }
    if (WINDOWS_DEVICE_NAMES.test(value)) {
      issues.push({
        message: `The slug “${value}” is a device name on Windows, where partners could not store the article. Choose another slug, for example by adding a word.`,
      })
    }
    if (RESERVED_SLUGS.has(value)) {
      issues.push({
        message: `The slug “${value}” is reserved for the publishing system. Choose another slug, for example by adding a word.`,
      })
    }
    if (value.length > SLUG_MAX_LENGTH) {
      issues.push({
        message: `The slug is ${value.length} characters long; the limit is ${SLUG_MAX_LENGTH}. Shorten it to a few key words.`,
      })
    }
    return issues
  },
})

function describeCharacter(character: string): string {
  if (character === ' ') return 'spaces'
  if (/[A-Z]/.test(character)) return `capital “${character}”`
  if (/\s/.test(character) || /\p{C}/u.test(character))
    return `an invisible character (U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')})`
  return `“${character}”`
}

export interface SlugUniqueContext {
  /** The document being checked (its draft and published ids count as the same document). */
  documentId: string
  /** Ids of every document of the same type whose slug has the same value. */
  idsWithSameSlug: readonly string[]
}

/** Two articles with one slug would overwrite each other's bundle folder and URL. */
export const slugUniqueRule = defineRule<string | null | undefined, SlugUniqueContext>({
  id: 'slug-unique',
  severity: 'error',
  description: 'No two articles share a slug.',
  check(value, context) {
    if (typeof value !== 'string' || value === '') return []
    const self = publishedId(context.documentId)
    const others = [...new Set(context.idsWithSameSlug.map(publishedId))].filter((id) => id !== self).sort()
    if (others.length === 0) return []
    return [
      {
        message: `Another article already uses the slug “${value}” (${others.join(', ')}). Choose a different slug, for example by adding a word.`,
      },
    ]
  },
})

/** `drafts.x` and `versions.<release>.x` are editions of `x`. */
export function publishedId(id: string): string {
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length)
  if (id.startsWith('versions.')) return id.split('.').slice(2).join('.')
  return id
}
