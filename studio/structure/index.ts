import {CheckmarkCircleIcon} from '@sanity/icons/CheckmarkCircle'
import type {StructureResolver} from 'sanity/structure'
import {peopleItem} from './people.ts'
import {reviewQueueItem} from './review-queue.ts'
import {settingsItem} from './settings.ts'

/** The desk: the review queue first (what needs a reviewer now), then the content by type, then settings. */
export const structure: StructureResolver = (S, context) =>
  S.list()
    .id('root')
    .title('Content')
    .items([
      reviewQueueItem(S, context),
      S.divider(),
      S.documentTypeListItem('article').id('articles').title('All articles'),
      S.documentTypeListItem('citation').id('citations').title('Citations'),
      peopleItem(S),
      S.listItem()
        .id('reviews')
        .title('Sign-offs')
        .icon(CheckmarkCircleIcon)
        .schemaType('review')
        .child(
          S.documentTypeList('review')
            .id('reviews')
            .title('Sign-offs')
            .defaultOrdering([{field: 'reviewedOn', direction: 'desc'}]),
        ),
      S.divider(),
      settingsItem(S),
    ])
