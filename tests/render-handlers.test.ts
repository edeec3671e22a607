import type {RootContent} from 'mdast'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {
  type BlockHandler,
  defaultHandlers,
  type InlineHandler,
  type MarkHandler,
  portableTextToMdast,
} from '../pipeline/render/portable-text-to-mdast/index.ts'

/**
 * Portable Text → mdast with handlers of one's own, merged over the defaults as `@portabletext/to-html` merges
 * `components`: a handler reaches the traversal through its state (`state.all`), as mdast-util-to-hast's do.
 */

const span = (key: string, text: string, marks: string[] = []) => ({_type: 'span', _key: key, text, marks})
const text = (value: string) => ({type: 'text', value}) as const
const paragraph = {
  _type: 'block',
  _key: 'p1',
  style: 'normal',
  markDefs: [],
  children: [span('s1', 'Wash '), span('s2', 'hands', ['strong'])],
}
const callout = {_type: 'callout', _key: 'c1', children: [span('s3', 'Call '), span('s4', '911', ['em'])]}
const withMarker = {
  _type: 'block',
  _key: 'p2',
  style: 'normal',
  markDefs: [],
  children: [span('s5', 'Studies'), {_type: 'footnote', _key: 'f1', text: 'see below'}],
}

function convert(value: unknown, handlers?: Parameters<typeof portableTextToMdast>[2]) {
  const file = new VFile()
  const tree = portableTextToMdast(value, file, handlers)
  return {children: tree.children, messages: file.messages.map((message) => message.ruleId)}
}

const wrapInBlockquote: BlockHandler = (node, state) => ({
  type: 'blockquote',
  children: [{type: 'paragraph', children: state.all(node)}],
})

describe('portableTextToMdast handlers', () => {
  it('uses the default handlers when given none', () => {
    expect(convert([paragraph], {handlers: {}})).toEqual(convert([paragraph]))
    expect(convert([paragraph]).children).toEqual([
      {type: 'paragraph', children: [text('Wash '), {type: 'strong', children: [text('hands')]}]},
    ])
  })

  it('adds a handler for a new block type, which converts its children through state.all, marks included', () => {
    const {children, messages} = convert([paragraph, callout], {handlers: {block: {callout: wrapInBlockquote}}})
    expect(messages).toEqual([])
    expect(children[1]).toEqual<RootContent>({
      type: 'blockquote',
      children: [{type: 'paragraph', children: [text('Call '), {type: 'emphasis', children: [text('911')]}]}],
    })
    // The default `block` handler still converts text blocks.
    expect(children[0]).toEqual(convert([paragraph]).children[0])
  })

  it('replaces a default handler of the same name and keeps the others', () => {
    const strongAsEmphasis: MarkHandler = (children) => [{type: 'emphasis', children}]
    const {children} = convert([paragraph], {handlers: {decorator: {strong: strongAsEmphasis}}})
    expect(children).toEqual([
      {type: 'paragraph', children: [text('Wash '), {type: 'emphasis', children: [text('hands')]}]},
    ])
  })

  it('sends types without a handler to the given unknown handlers instead of reporting them', () => {
    const unknownBlock: BlockHandler = (node) => ({type: 'paragraph', children: [text(`[${String(node._type)}]`)]})
    const unknownInline: InlineHandler = (node) => [text(`[${String(node._type)}]`)]
    expect(convert([callout, withMarker]).messages).toEqual(['unknown-block-type', 'unknown-inline-type'])
    expect(convert([callout, withMarker], {handlers: {unknownBlock, unknownInline}})).toEqual({
      children: [
        {type: 'paragraph', children: [text('[callout]')]},
        {type: 'paragraph', children: [text('Studies'), text('[footnote]')]},
      ],
      messages: [],
    })
  })

  it('leaves the defaults as they were', () => {
    const unmarked: MarkHandler = (children) => children
    convert([callout], {handlers: {block: {callout: wrapInBlockquote}, decorator: {strong: unmarked}}})
    expect(Object.keys(defaultHandlers.block)).toEqual(['block', 'figure'])
    expect(Object.keys(defaultHandlers.decorator)).toEqual(['strong', 'em', 'code'])
    expect(convert([callout]).messages).toEqual(['unknown-block-type'])
  })
})
