import {UserIcon} from '@sanity/icons/User'
import {UsersIcon} from '@sanity/icons/Users'
import type {ListItemBuilder, StructureBuilder} from 'sanity/structure'
import {STUDIO_API_VERSION} from '../lib/api.ts'

/** People split by role; someone with both roles appears in both lists. */
export function peopleItem(S: StructureBuilder): ListItemBuilder {
  return S.listItem()
    .id('people')
    .title('People')
    .icon(UsersIcon)
    .child(
      S.list()
        .id('people')
        .title('People')
        .items([
          roleItem(S, 'writers', 'Writers', 'writer'),
          roleItem(S, 'medical-reviewers', 'Medical reviewers', 'medicalReviewer'),
          S.divider(),
          S.documentTypeListItem('person').id('all-people').title('All people'),
        ]),
    )
}

function roleItem(S: StructureBuilder, id: string, title: string, role: 'writer' | 'medicalReviewer'): ListItemBuilder {
  return S.listItem()
    .id(id)
    .title(title)
    .icon(UserIcon)
    .schemaType('person')
    .child(
      S.documentTypeList('person')
        .id(id)
        .title(title)
        .filter('_type == "person" && $role in roles')
        .params({role})
        .apiVersion(STUDIO_API_VERSION)
        .defaultOrdering([{field: 'name', direction: 'asc'}]),
    )
}
