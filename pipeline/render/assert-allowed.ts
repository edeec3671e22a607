import type {Element, Nodes, Properties} from 'hast'
import type {Schema} from 'hast-util-sanitize'

/**
 * Checks that a hast tree built by the renderer's own code holds only what a sanitizing schema allows, and throws
 * on the first thing that is not — where hast-util-sanitize would silently drop or rewrite it.
 *
 * Why not sanitize: the body and the page shell are made by our code from Portable Text and settings, whose
 * writer-typed parts arrive as text nodes (escaped when serialised) or as links already checked (`isSafeUrl`); the
 * one place foreign HTML enters an article is a formatted reference (citeproc's HTML, parsed), and that is still
 * sanitized with hast-util-sanitize before it joins the tree (`render-article.ts`). Sanitizing the whole tree again
 * copied every node of every article to change nothing. If a change to the renderer ever makes it emit something the
 * schema does not allow, this fails the render loudly (a bug to fix) instead of publishing a quietly altered page.
 *
 * The rules are hast-util-sanitize's for the same schema (tag names, required ancestors, attributes and their
 * allowed values, URL protocols, required attributes, comments, doctypes, clobbering), so a tree passes here
 * exactly when sanitizing it would leave it as it is.
 */
export function assertAllowed(tree: Nodes, schema: Schema, label: string): void {
  const tagNames = tagSet(schema)
  const ancestors: string[] = []
  const fail = (node: Nodes, problem: string): never => {
    const where = [...ancestors, node.type === 'element' ? node.tagName : node.type].join(' > ')
    throw new Error(`Renderer bug: the ${label} holds ${problem} at ${where}, which its schema does not allow.`)
  }

  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'root':
        for (const child of node.children) visit(child)
        return
      case 'text':
        if (typeof node.value !== 'string') fail(node, 'a text node without a string value')
        return
      case 'comment':
        if (!schema.allowComments || node.value.includes('-->')) fail(node, 'a comment')
        return
      case 'doctype':
        if (!schema.allowDoctypes) fail(node, 'a doctype')
        return
      case 'element':
        checkElement(node)
        ancestors.push(node.tagName)
        for (const child of node.children) visit(child)
        ancestors.pop()
        return
      default:
        fail(node, `a "${(node as {type: string}).type}" node`)
    }
  }

  const checkElement = (node: Element): void => {
    const name = node.tagName
    if (name === '*' || (tagNames && !tagNames.has(name))) fail(node, `a <${name}> element`)
    const needed = schema.ancestors && Object.hasOwn(schema.ancestors, name) ? schema.ancestors[name] : undefined
    if (needed && !needed.some((ancestor) => ancestors.includes(ancestor))) {
      fail(node, `a <${name}> outside ${needed.map((ancestor) => `<${ancestor}>`).join(' or ')}`)
    }
    checkProperties(node, node.properties)
  }

  const checkProperties = (node: Element, properties: Properties): void => {
    const attributes = schema.attributes
    const specific = attributes && Object.hasOwn(attributes, node.tagName) ? attributes[node.tagName] : undefined
    const defaults = attributes && Object.hasOwn(attributes, '*') ? attributes['*'] : undefined
    for (const key in properties) {
      if (!Object.hasOwn(properties, key)) continue
      const value = properties[key]
      // hast-util-to-html writes nothing for these either.
      if (value === null || value === undefined) continue
      if (schema.clobber?.includes(key) && schema.clobberPrefix) fail(node, `a "${key}" that would be prefixed`)
      if (!allowsValue(schema, findDefinition(specific, key), key, value)) {
        if (!allowsValue(schema, findDefinition(defaults, key), key, value)) {
          fail(node, `the attribute ${key}=${JSON.stringify(value)}`)
        }
      }
    }
    const required =
      schema.required && Object.hasOwn(schema.required, node.tagName) ? schema.required[node.tagName] : {}
    for (const key of Object.keys(required ?? {})) {
      if (properties[key] === null || properties[key] === undefined) fail(node, `no ${key} (required)`)
    }
  }

  visit(tree)
}

/** The schema's tag names as a set, made once per schema (the renderer checks every article with the same two). */
const tagSets = new WeakMap<Schema, ReadonlySet<string> | null>()

function tagSet(schema: Schema): ReadonlySet<string> | null {
  let tags = tagSets.get(schema)
  if (tags === undefined) {
    tags = schema.tagNames ? new Set(schema.tagNames) : null
    tagSets.set(schema, tags)
  }
  return tags
}

type Definition = NonNullable<Schema['attributes']>[string][number]

/** The attribute's definition (a name, or a name with its allowed values); `data*` covers every data attribute. */
function findDefinition(definitions: readonly Definition[] | undefined, key: string): Definition | undefined {
  let dataDefault: Definition | undefined
  for (const entry of definitions ?? []) {
    const name = typeof entry === 'string' ? entry : entry[0]
    if (name === key) return entry
    if (name === 'data*') dataDefault = entry
  }
  return key.length > 4 && key.slice(0, 4).toLowerCase() === 'data' ? dataDefault : undefined
}

/** Every value (each item of a list) is a primitive, its URL protocol allowed, and among the listed values if any. */
function allowsValue(schema: Schema, definition: Definition | undefined, key: string, value: unknown): boolean {
  if (definition === undefined) return false
  const values = Array.isArray(value) ? (value as unknown[]) : [value]
  return values.every((item) => {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') return false
    // A boolean in a list is dropped by sanitizing; on its own it is kept.
    if (Array.isArray(value) && typeof item === 'boolean') return false
    if (!allowsProtocol(schema, key, item)) return false
    if (typeof definition === 'string' || definition.length <= 1) return true
    return definition
      .slice(1)
      .some((allowed) => (allowed instanceof RegExp ? allowed.test(String(item)) : allowed === item))
  })
}

/**
 * hast-util-sanitize's URL rule: a value with a colon before any `/`, `?` or `#` has a protocol, which must be one
 * of the schema's (exact case); anything else is relative and allowed. Exported so that code building a tree from a
 * writer's URL can leave out what this check would refuse.
 */
export function allowsProtocol(schema: Schema, key: string, value: string | number | boolean): boolean {
  const protocols = schema.protocols && Object.hasOwn(schema.protocols, key) ? schema.protocols[key] : undefined
  if (!protocols || protocols.length === 0) return true
  const url = String(value)
  const colon = url.indexOf(':')
  const questionMark = url.indexOf('?')
  const numberSign = url.indexOf('#')
  const slash = url.indexOf('/')
  if (
    colon < 0 ||
    (slash > -1 && colon > slash) ||
    (questionMark > -1 && colon > questionMark) ||
    (numberSign > -1 && colon > numberSign)
  ) {
    return true
  }
  return protocols.some((protocol) => colon === protocol.length && url.slice(0, protocol.length) === protocol)
}
