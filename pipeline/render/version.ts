/**
 * Bump whenever any rendered byte can change for the same input (markup, CSS, CSL style, text layout):
 * the export's incremental cache keys on it, so a stale bundle is never reused.
 */
export const RENDERER_VERSION = '1.3.0'
