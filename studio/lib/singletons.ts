import type {DocumentActionComponent, Template, TemplateItem} from 'sanity'

/** Document types that exist exactly once, under a fixed id (the structure opens them directly). */
export const SINGLETON_TYPES: ReadonlySet<string> = new Set(['settings'])

/**
 * The only actions a singleton keeps: an allowlist, so that an action added by a later Studio release (a new way
 * to copy or remove documents) does not quietly reach the one settings document.
 */
const SINGLETON_ACTIONS: ReadonlySet<string> = new Set(['publish', 'discardChanges', 'restore'])

export function singletonActions(actions: DocumentActionComponent[]): DocumentActionComponent[] {
  return actions.filter((action) => action.action !== undefined && SINGLETON_ACTIONS.has(action.action))
}

/** Removes singletons from "Create new document" menus. */
export function withoutSingletonTemplates(templates: Template[]): Template[] {
  return templates.filter((template) => !SINGLETON_TYPES.has(template.schemaType))
}

export function withoutSingletonOptions(items: TemplateItem[]): TemplateItem[] {
  return items.filter((item) => !SINGLETON_TYPES.has(item.templateId))
}
