import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {VFile} from 'vfile'

/**
 * Markdown → mdast: CommonMark, YAML front matter, and GFM so that its tables, footnotes, strikethrough and task
 * list items are *recognised* and can be reported by name (without it a table would pass silently as a paragraph
 * of pipes). GFM's bare-URL autolinks are read back as the text they are (see `isLiteralAutolink`).
 */
export function parseMarkdown(file: VFile): Root {
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)
  return processor.runSync(processor.parse(file), file) as Root
}
