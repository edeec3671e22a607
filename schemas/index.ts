import {article} from './documents/article.ts'
import {citation} from './documents/citation.ts'
import {person} from './documents/person.ts'
import {review} from './documents/review.ts'
import {blockContent} from './objects/blockContent.ts'
import {citationMarker} from './objects/citationMarker.ts'
import {cslName} from './objects/cslName.ts'
import {figure} from './objects/figure.ts'
import {link} from './objects/link.ts'
import {settings} from './singletons/settings.ts'

export const schemaTypes = [
  article,
  person,
  citation,
  review,
  settings,
  blockContent,
  citationMarker,
  cslName,
  figure,
  link,
]
