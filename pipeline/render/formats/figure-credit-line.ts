/**
 * The line article.md writes in italics under a figure, and the only text the import reads back as a figure's
 * credit, licence, ownership and decorative choice: `Decorative image · Credit: … · Licence: … · Owned by the
 * publisher`, each part present only when it applies, always in this order. Labelled parts, so that a reader sees
 * what each is and the import never has to guess which words are the credit and which the licence (the page's
 * "credit (licence)" cannot be split back: a credit may hold parentheses).
 */

export interface FigureCreditFields {
  credit: string | null
  licence: string | null
  publisherOwned: boolean
  decorative: boolean
}

const SEPARATOR = ' · '
const DECORATIVE = 'Decorative image'
const OWNED = 'Owned by the publisher'
const CREDIT = 'Credit: '
const LICENCE = 'Licence: '

/**
 * The line for a figure, or null when it has nothing to say (no credit, licence, ownership or decorative choice).
 * Words that would read back otherwise (a credit holding " · Licence: ") are written without labels, "credit
 * (licence)" as the page shows them, which the import does not read: it then reports the credit missing rather
 * than importing a wrong one.
 */
export function figureCreditLine(fields: FigureCreditFields): string | null {
  const parts = [
    fields.decorative ? DECORATIVE : null,
    fields.credit === null ? null : `${CREDIT}${fields.credit}`,
    fields.licence === null ? null : `${LICENCE}${fields.licence}`,
    fields.publisherOwned ? OWNED : null,
  ].filter((part): part is string => part !== null)
  if (parts.length === 0) return null
  const line = parts.join(SEPARATOR)
  const read = readFigureCreditLine(line)
  const same =
    read !== null &&
    read.credit === fields.credit &&
    read.licence === fields.licence &&
    read.publisherOwned === fields.publisherOwned &&
    read.decorative === fields.decorative
  if (same) return line
  const unlabelled = [fields.credit, fields.licence === null ? null : `(${fields.licence})`].filter(Boolean).join(' ')
  return unlabelled === '' || readFigureCreditLine(unlabelled) !== null ? null : unlabelled
}

/**
 * The fields of a line `figureCreditLine` writes, or null when the text is not such a line. A credit or licence
 * holding " · " is read whole: a part that does not start with a label continues the one before it.
 */
export function readFigureCreditLine(text: string): FigureCreditFields | null {
  const fields: FigureCreditFields = {credit: null, licence: null, publisherOwned: false, decorative: false}
  // 0 decorative, 1 credit, 2 licence, 3 ownership: each at most once, in this order.
  let last = -1
  for (const part of text.trim().split(SEPARATOR)) {
    const order =
      part === DECORATIVE ? 0 : part.startsWith(CREDIT) ? 1 : part.startsWith(LICENCE) ? 2 : part === OWNED ? 3 : -1
    if (order === -1 || order <= last) {
      if (last === 1 && fields.credit !== null && order !== 1) fields.credit += `${SEPARATOR}${part}`
      else if (last === 2 && fields.licence !== null && order !== 2) fields.licence += `${SEPARATOR}${part}`
      else return null
      continue
    }
    last = order
    if (order === 0) fields.decorative = true
    else if (order === 1) fields.credit = part.slice(CREDIT.length)
    else if (order === 2) fields.licence = part.slice(LICENCE.length)
    else fields.publisherOwned = true
  }
  if (last === -1 || fields.credit?.trim() === '' || fields.licence?.trim() === '') return null
  return fields
}
