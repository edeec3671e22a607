import type {ArticleSpec} from '../types.ts'
import {infantMentalHealth} from './infant-mental-health.ts'

/** The published articles, in file order. */
export const articles: ArticleSpec[] = [infantMentalHealth]

/** Unpublished drafts: a never-reviewed new article and a draft edit of a published one (`drafts.` ids). */
export const drafts: Array<{article: ArticleSpec; updatedAt: string}> = []
