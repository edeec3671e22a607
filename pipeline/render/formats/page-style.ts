/**
 * The page's only CSS: readable measure, system fonts, contrast of at least 7:1 for text and links (links are
 * underlined, so they never rely on colour), and a print sheet that drops colour and prints link targets.
 */
export const PAGE_CSS = `
:root{color-scheme:light}
body{margin:0;background:#fff;color:#1b1b1b;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main,footer{max-width:42rem;margin:0 auto;padding:1.5rem 1rem}
h1,h2,h3,h4{line-height:1.25;margin:1.75em 0 .5em}
h1{font-size:2rem;margin-top:.5em}
a{color:#0b4f9c;text-decoration:underline}
a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
.summary{font-size:1.15rem}
.byline,.dates{color:#3d3d3d}
.dates dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:1rem 0}
.dates dt{font-weight:600}.dates dd{margin:0}
.safety-notice{border-left:4px solid #8a1c1c;padding:.5rem 1rem;background:#fdf3f3;margin:1rem 0}
.review-notice{border-left:4px solid #7a4100;padding:.5rem 1rem;background:#fff6e5;color:#1b1b1b;margin:1rem 0}
blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid #767676}
sup.citation{line-height:0}sup.citation a{padding:0 .05em}
.references li{margin:.4rem 0;overflow-wrap:anywhere}
.contributor p{margin:.25rem 0}.contributor{margin:0 0 1rem}
footer{border-top:1px solid #767676;color:#3d3d3d;font-size:.95rem}
@media print{
body{font:11pt/1.45 Georgia,"Times New Roman",serif;color:#000}
main,footer{max-width:none;padding:0}
a{color:#000}
.citation-backlink{display:none}
.safety-notice,.review-notice{background:none;border:1px solid #000}
h2,h3,h4{break-after:avoid}li,blockquote{break-inside:avoid}
}
`.trim()
