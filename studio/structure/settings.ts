import {CogIcon} from '@sanity/icons/Cog'
import type {ListItemBuilder, StructureBuilder} from 'sanity/structure'
import {SETTINGS_ID} from '../../schemas/singletons/settings.ts'

/** The settings singleton: one fixed document, opened directly instead of through a list. */
export function settingsItem(S: StructureBuilder): ListItemBuilder {
  return S.listItem()
    .id(SETTINGS_ID)
    .title('Settings')
    .icon(CogIcon)
    .schemaType('settings')
    .child(S.document().id(SETTINGS_ID).schemaType('settings').documentId(SETTINGS_ID).title('Settings'))
}
