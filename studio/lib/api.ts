/**
 * The Content Lake API version the Studio's own queries are written against. Pinned so that a default
 * perspective change in a later API version cannot silently hide drafts from the review queue.
 */
export const STUDIO_API_VERSION = '2025-02-19'
