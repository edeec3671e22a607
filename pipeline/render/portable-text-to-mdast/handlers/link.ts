import {renderMessage} from '../../messages.ts'
import {isSafeUrl} from '../../safe-url.ts'
import type {MarkHandler} from '../state.ts'

/** A link annotation; an unsafe or empty href is reported and the text kept unlinked. */
export const link: MarkHandler = (children, definition, state) => {
  const href = typeof definition?.href === 'string' ? definition.href.trim() : ''
  if (!isSafeUrl(href)) {
    renderMessage(
      state.file,
      href === ''
        ? 'A link in the body has no URL, so its text is shown without a link. Add the URL or remove the link.'
        : `The link \`${href}\` is not allowed (only https:, http:, mailto:, tel: and site-relative links are), so its text is shown without a link. Fix the URL.`,
      {
        ruleId: 'unsafe-link',
        path: [...state.path, 'markDefs', ...(typeof definition?._key === 'string' ? [{_key: definition._key}] : [])],
        actual: href,
      },
    )
    return children
  }
  return [{type: 'link', url: href, children}]
}
