import type {DocumentActionComponent, Template, TemplateItem} from 'sanity'

/** Document types that exist exactly once, under a fixed id (the structure opens them directly). */
export const SINGLETON_TYPES: ReadonlySet<string> = new Set(['settings'])

/** Actions that would create a second copy or remove the only one. */
const SINGLETON_FORBIDDEN_ACTIONS: ReadonlySet<string> = new Set(['delete', 'duplicate', 'unpublish'])

export function singletonActions(actions: DocumentActionComponent[]): DocumentActionComponent[] {
  return actions.filter((action) => !action.action || !SINGLETON_FORBIDDEN_ACTIONS.has(action.action))
}

/** Removes singletons from "Create new document" menus. */
export function withoutSingletonTemplates(templates: Template[]): Template[] {
  return templates.filter((template) => !SINGLETON_TYPES.has(template.schemaType))
}

export function withoutSingletonOptions(items: TemplateItem[]): TemplateItem[] {
  return items.filter((item) => !SINGLETON_TYPES.has(item.templateId))
}
