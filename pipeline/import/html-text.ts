import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'

/**
 * The readable text of raw HTML (`<b>Note</b>` → `Note`), so that HTML in Markdown never enters the dataset as
 * markup but its words are not lost. Scripts, styles and comments have no readable text.
 */
export function htmlText(html: string): string {
  const tree = fromHtml(html, {fragment: true})
  return toText(tree)
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
}
