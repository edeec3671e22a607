import type {PhrasingContent} from 'mdast'
import type {PathSegment} from '../../../schemas/rules/rule.ts'
import {itemSegment, renderMessage} from '../messages.ts'
import {isPortableTextObject, type PortableTextObject, type PortableTextState} from './state.ts'

interface Frame {
  mark: string | null
  children: PhrasingContent[]
}

/**
 * A block's children as nested phrasing content. Spans that share a mark share one element (`<em>a <strong>b</strong></em>`,
 * not `<em>a</em><em><strong>b</strong></em>`): a mark stays open while the following spans carry it, and of the
 * marks opening together the one that runs longest is outermost (ties: the order the span lists them).
 */
export function blockPhrasing(block: PortableTextObject, state: PortableTextState): PhrasingContent[] {
  const children = Array.isArray(block.children) ? block.children.filter(isPortableTextObject) : []
  const marksOf = children.map((child, index) => (child._type === 'span' ? knownMarks(child, state, index) : []))
  const stack: Frame[] = [{mark: null, children: []}]
  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const frame = stack.pop()!
      stack.at(-1)!.children.push(...applyMark(frame, state))
    }
  }
  children.forEach((child, index) => {
    const marks = marksOf[index]!
    let depth = 1
    while (depth < stack.length && marks.includes(stack[depth]!.mark!)) depth++
    closeTo(depth)
    const open = new Set(stack.map((frame) => frame.mark))
    const runLength = (mark: string) => {
      let end = index
      while (end < children.length && marksOf[end]!.includes(mark)) end++
      return end - index
    }
    marks
      .filter((mark) => !open.has(mark))
      .map((mark, order) => ({mark, order, run: runLength(mark)}))
      .sort((a, b) => b.run - a.run || a.order - b.order)
      .forEach(({mark}) => stack.push({mark, children: []}))
    const path: PathSegment[] = [...state.path, 'children', itemSegment(child, index)]
    const {inline, unknownInline} = state.handlers
    const known = typeof child._type === 'string' && Object.hasOwn(inline, child._type)
    const handler = known ? inline[child._type as string]! : unknownInline
    stack.at(-1)!.children.push(...handler(child, state, path))
  })
  closeTo(1)
  return stack[0]!.children
}

/** The span's marks that the renderer can express; the others are reported once per block and dropped (text kept). */
function knownMarks(span: PortableTextObject, state: PortableTextState, index: number): string[] {
  const {decorator, annotation} = state.handlers
  const marks = Array.isArray(span.marks) ? span.marks.filter((mark): mark is string => typeof mark === 'string') : []
  return [...new Set(marks)].filter((mark) => {
    if (Object.hasOwn(decorator, mark)) return true
    const definition = state.markDefs.get(mark)
    const type = definition && typeof definition._type === 'string' ? definition._type : undefined
    if (type !== undefined && Object.hasOwn(annotation, type)) return true
    const name = type ?? mark
    if (!state.reportedMarks.has(name)) {
      state.reportedMarks.add(name)
      renderMessage(
        state.file,
        definition
          ? `Unknown annotation \`${name}\` in the body: its text is shown without it. Remove the annotation or ask a developer to support \`${name}\`.`
          : `Unknown mark \`${name}\` in the body: its text is shown without it. Use bold, italic, code or a link instead.`,
        {
          ruleId: 'unknown-mark-type',
          path: [...state.path, 'children', itemSegment(span, index)],
          actual: name,
          expected: [...Object.keys(decorator), ...Object.keys(annotation)],
        },
      )
    }
    return false
  })
}

function applyMark(frame: Frame, state: PortableTextState): PhrasingContent[] {
  const mark = frame.mark!
  const {decorator, annotation} = state.handlers
  if (Object.hasOwn(decorator, mark)) return decorator[mark]!(frame.children, null, state)
  const definition = state.markDefs.get(mark)!
  return annotation[definition._type as string]!(frame.children, definition, state)
}
