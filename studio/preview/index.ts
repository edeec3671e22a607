import {EyeOpenIcon} from '@sanity/icons/EyeOpen'
import type {DefaultDocumentNodeResolver} from 'sanity/structure'
import {ArticlePreview} from './article-preview.tsx'

export {ArticlePreview} from './article-preview.tsx'

/** Articles open with the editing form and a "Preview" view rendered by the pipeline's renderer. */
export const defaultDocumentNode: DefaultDocumentNodeResolver = (S, {schemaType}) =>
  schemaType === 'article'
    ? S.document().views([
        S.view.form(),
        S.view.component(ArticlePreview).id('preview').title('Preview').icon(EyeOpenIcon),
      ])
    : S.document()
