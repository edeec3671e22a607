import {isIsoDate} from '../../../domain/dates.ts'
import {defineRule, type RuleIssue} from '../rule.ts'
import type {ResolvedCitation} from './resolved.ts'

/**
 * What a reader needs to find a source again: who, when, what, and where. Identifier syntax (DOI, PMID,
 * PMCID) and the issued-date format are the schema's field rules.
 */

/**
 * Title and author (a person or an organisation) are required. A missing year is an error for journal
 * articles, books, chapters and reports, which always carry one; for web pages it is a warning, because
 * APA's "n.d." is correct for an undated page (the reference article cites two), yet many pages do show a
 * "last updated" date that belongs in the reference.
 */
export const citationCompleteRule = defineRule<ResolvedCitation>({
  id: 'citation-complete',
  severity: 'error',
  description: 'Each source has a title, an author or organisation, and a year (“n.d.” only for undated web pages).',
  check(citation) {
    const issues: RuleIssue[] = []
    if (!citation.title?.trim())
      issues.push({path: ['title'], message: 'The source has no title. Copy the title from the source.'})
    const hasPerson = (citation.authors ?? []).some((author) => Boolean(author.family?.trim()))
    if (!hasPerson && !citation.organization?.trim()) {
      issues.push({
        path: ['authors'],
        message:
          'The source has neither authors nor an organisation as author. Add the authors, or the organisation that published it (such as Centers for Disease Control and Prevention).',
      })
    }
    if (!citation.issued?.trim()) {
      if (citation.cslType === 'webpage') {
        issues.push({
          path: ['issued'],
          severity: 'warning',
          message:
            'The web page has no date, so the reference shows “n.d.”. If the page shows a publication or “last updated” date, add it under Issued.',
        })
      } else {
        issues.push({
          path: ['issued'],
          message: 'The source has no year. Add the year of publication under Issued (such as 2016).',
        })
      }
    }
    return issues
  },
})

/** Readers and reviewers verify a claim by opening the source; without an identifier they have to search. */
export const citationLocatorRule = defineRule<ResolvedCitation>({
  id: 'citation-locator',
  severity: 'warning',
  description: 'Each source has a DOI, PMID, PMCID or URL, so readers can open it.',
  check(citation) {
    if ([citation.doi, citation.pmid, citation.pmcid, citation.url].some((value) => Boolean(value?.trim()))) return []
    const hint =
      citation.cslType === 'article-journal'
        ? 'Look the article up on PubMed or the journal’s site and add its DOI or PMID.'
        : 'Add the URL where readers can find it.'
    return [
      {
        message: `The source has no DOI, PMID, PMCID or URL, so readers cannot open it from the reference list. ${hint}`,
      },
    ]
  },
})

/** Web pages change; APA and AMA ask for the date a page was retrieved. */
export const citationAccessedRule = defineRule<ResolvedCitation, {asOf: string}>({
  id: 'citation-accessed',
  severity: 'warning',
  description: 'Each web source records the date it was accessed, not later than the as-of date.',
  check(citation, {asOf}) {
    const isWeb = citation.cslType === 'webpage'
    if (isWeb && !citation.accessed) {
      return [
        {
          path: ['accessed'],
          message: 'This web page has no accessed date. Add the date you last checked the page under Accessed.',
        },
      ]
    }
    if (isIsoDate(citation.accessed) && citation.accessed > asOf) {
      return [
        {
          path: ['accessed'],
          message: `The accessed date ${citation.accessed} is after ${asOf}, the date this check runs for. Correct the date.`,
        },
      ]
    }
    return []
  },
})
