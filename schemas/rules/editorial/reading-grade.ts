import {defineRule, type PathSegment} from '../rule.ts'
import {bodyReadability} from './body-readability.ts'

/**
 * Target reading grade (Flesch–Kincaid) per audience. Health-literacy guidance (CDC Clear Communication Index,
 * NIH, AMA) puts patient material at grade 8 or lower, so the general public, patients and caregivers share
 * that target. Material for health professionals is not graded: technical vocabulary is expected there.
 */
export const READING_GRADE_TARGETS: Readonly<Record<string, number | null>> = {
  'general-public': 8,
  patients: 8,
  caregivers: 8,
  professionals: null,
}

export interface ReadingGradeContext {
  /** The article's audience; unset means the general public. */
  audience?: string | null
}

/** Below this many words a grade says more about one long word than about the article. */
const MIN_WORDS = 100

export const readingGradeRule = defineRule<readonly unknown[] | null | undefined, ReadingGradeContext>({
  id: 'reading-grade',
  severity: 'warning',
  description: 'The body reads at or below the audience’s grade: 8 for the general public, patients and caregivers.',
  check(body, context) {
    const audience = context.audience ?? 'general-public'
    const target = READING_GRADE_TARGETS[audience] ?? null
    if (target === null) return []
    const {prose, readability: result} = bodyReadability(body)
    const {blocks, starts} = prose
    if (result.words < MIN_WORDS || result.fleschKincaidGrade <= target) return []
    const blockAt = (offset: number): PathSegment[] => {
      let index = starts.length - 1
      while (index > 0 && (starts[index] ?? 0) > offset) index--
      const segment = blocks[index]?.segment
      return segment === null || segment === undefined ? [] : [segment]
    }
    const hardest = result.hardestSentences.map((sentence) => `“${shorten(sentence.text)}” (grade ${sentence.grade})`)
    return [
      {
        path: result.hardestSentences[0] ? blockAt(result.hardestSentences[0].start) : [],
        message:
          `The body reads at grade ${result.fleschKincaidGrade} (Flesch–Kincaid); the target for this audience (${audience}) is ${target} or lower. ` +
          `Hardest sentences: ${hardest.join('; ')}. Split long sentences and prefer short, everyday words.`,
      },
    ]
  },
})

function shorten(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
