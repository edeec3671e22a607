/**
 * The dataset's images, drawn here as SVG text so that anyone can see what they are and redraw them
 * (`npm run dataset:build`): no third-party image, nothing to license. `draw-images.ts` writes each one to
 * `images/` under the name `sanity dataset export` gives a file (`<sha1>-<width>x<height>.<ext>`); a PNG is the
 * SVG rasterized with sharp.
 *
 * The PNGs carry no text: the machine that rasterizes may lack the fonts, and a figure's words belong in its
 * alternative text and caption, where every reader gets them.
 */

export interface Drawing {
  /** How the article sources name it. */
  name: string
  /** `svg`: published as the SVG text itself; `png`: the SVG rasterized at its width and height. */
  format: 'svg' | 'png'
  width: number
  height: number
  svg: string
}

const svgOpen = (width: number, height: number, title: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">\n` +
  `  <title>${title}</title>\n`

/**
 * The five steps of hand washing, in a row of three and a row of two, numbered and joined by arrows. Written as the
 * release's SVG sanitizer writes it (`<rect … />`), so the published file is these very bytes: an article.md
 * re-imported from a release names the same asset (tests/images-svg.test.ts).
 */
function handWashingSteps(): Drawing {
  const width = 720
  const height = 420
  const steps = [
    ['Wet and soap', 'clean running water, then soap'],
    ['Lather', 'backs, between fingers, nails'],
    ['Scrub', 'for at least 20 seconds'],
    ['Rinse', 'under clean running water'],
    ['Dry', 'with a clean towel or air dry'],
  ]
  const boxWidth = 200
  const boxHeight = 150
  const gap = 40
  const left = (width - 3 * boxWidth - 2 * gap) / 2
  const top = [50, 230]
  const parts: string[] = [
    svgOpen(width, height, 'The five steps of hand washing'),
    '  <rect width="100%" height="100%" fill="#ffffff" />\n',
    '  <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">' +
      '<path d="M0 0L10 5L0 10z" fill="#1d4f91" /></marker></defs>\n',
  ]
  steps.forEach(([title, detail], index) => {
    const column = index % 3
    const row = Math.floor(index / 3)
    const x = left + column * (boxWidth + gap)
    const y = top[row] as number
    parts.push(
      `  <g>\n` +
        `    <rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="14" fill="#eef4fb" stroke="#1d4f91" stroke-width="2" />\n` +
        `    <circle cx="${x + 34}" cy="${y + 34}" r="20" fill="#1d4f91" />\n` +
        `    <text x="${x + 34}" y="${y + 41}" font-family="sans-serif" font-size="20" font-weight="bold" fill="#ffffff" text-anchor="middle">${index + 1}</text>\n` +
        `    <text x="${x + boxWidth / 2}" y="${y + 92}" font-family="sans-serif" font-size="19" font-weight="bold" fill="#10243e" text-anchor="middle">${title}</text>\n` +
        `    <text x="${x + boxWidth / 2}" y="${y + 120}" font-family="sans-serif" font-size="13" fill="#10243e" text-anchor="middle">${detail}</text>\n` +
        `  </g>\n`,
    )
    if (column < 2 && index < steps.length - 1) {
      const from = x + boxWidth + 4
      parts.push(
        `  <line x1="${from}" y1="${y + boxHeight / 2}" x2="${from + gap - 8}" y2="${y + boxHeight / 2}" stroke="#1d4f91" stroke-width="3" marker-end="url(#arrow)" />\n`,
      )
    }
  })
  // From the end of the first row down to the start of the second.
  const rowEnd = left + 2 * (boxWidth + gap) + boxWidth / 2
  const rowStart = left + boxWidth / 2
  parts.push(
    `  <path d="M${rowEnd} ${top[0]! + boxHeight + 2} V${top[0]! + boxHeight + 14} H${rowStart} V${top[1]! - 6}" fill="none" stroke="#1d4f91" stroke-width="3" marker-end="url(#arrow)" />\n`,
  )
  parts.push('</svg>\n')
  return {name: 'hand-washing-steps', format: 'svg', width, height, svg: parts.join('')}
}

/**
 * The hours of sleep recommended per day at each age (CDC, after the American Academy of Sleep Medicine and the
 * National Sleep Foundation): one floating bar per age group, from the fewest to the most hours, on a grid of
 * two-hour lines from 6 to 18 hours.
 */
export const SLEEP_RANGES: ReadonlyArray<[group: string, fewest: number, most: number]> = [
  ['newborns (0–3 months)', 14, 17],
  ['infants (4–12 months)', 12, 16],
  ['toddlers (1–2 years)', 11, 14],
  ['preschoolers (3–5 years)', 10, 13],
  ['school age (6–12 years)', 9, 12],
  ['teens (13–18 years)', 8, 10],
  ['adults (18–60 years)', 7, 9],
  ['adults over 60', 7, 9],
]

function sleepHoursByAge(): Drawing {
  const width = 1200
  const height = 800
  const plot = {left: 80, right: 1160, top: 60, bottom: 740}
  const hours = {from: 6, to: 18}
  const y = (hour: number) => plot.bottom - ((hour - hours.from) / (hours.to - hours.from)) * (plot.bottom - plot.top)
  const parts = [
    svgOpen(width, height, 'Recommended hours of sleep by age'),
    '  <rect width="100%" height="100%" fill="#ffffff"/>\n',
  ]
  for (let hour = hours.from; hour <= hours.to; hour += 2) {
    parts.push(
      `  <line x1="${plot.left}" y1="${y(hour)}" x2="${plot.right}" y2="${y(hour)}" stroke="#c9d3de" stroke-width="2"/>\n`,
    )
  }
  const slot = (plot.right - plot.left) / SLEEP_RANGES.length
  SLEEP_RANGES.forEach(([, fewest, most], index) => {
    const x = plot.left + index * slot + slot * 0.2
    const shade = index < 6 ? '#2f6db5' : '#1b8a5a'
    parts.push(
      `  <rect x="${x}" y="${y(most)}" width="${slot * 0.6}" height="${y(fewest) - y(most)}" rx="10" fill="${shade}"/>\n`,
    )
  })
  parts.push(
    `  <line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#10243e" stroke-width="3"/>\n`,
  )
  parts.push('</svg>\n')
  return {name: 'sleep-hours-by-age', format: 'png', width, height, svg: parts.join('')}
}

/**
 * The adult blood pressure categories (American Heart Association, systolic mmHg) as a horizontal band from 90 to
 * 180: normal below 120 (green), elevated 120–129 (yellow), stage 1 130–139 (orange), stage 2 140 and above (red),
 * with a marker at 125.
 */
function bloodPressureBands(): Drawing {
  const width = 1200
  const height = 630
  const band = {left: 100, right: 1100, top: 250, bottom: 380}
  const x = (mmHg: number) => band.left + ((mmHg - 90) / (180 - 90)) * (band.right - band.left)
  const bands: Array<[from: number, to: number, colour: string]> = [
    [90, 120, '#2e9d5b'],
    [120, 130, '#f2c230'],
    [130, 140, '#f08a24'],
    [140, 180, '#d23b33'],
  ]
  const parts = [
    svgOpen(width, height, 'Blood pressure categories'),
    '  <rect width="100%" height="100%" fill="#f7f9fc"/>\n',
  ]
  for (const [from, to, colour] of bands) {
    parts.push(
      `  <rect x="${x(from)}" y="${band.top}" width="${x(to) - x(from)}" height="${band.bottom - band.top}" fill="${colour}"/>\n`,
    )
  }
  const marker = x(125)
  parts.push(
    `  <path d="M${marker - 26} ${band.top - 60} H${marker + 26} L${marker} ${band.top - 8}z" fill="#10243e"/>\n` +
      `  <rect x="${band.left}" y="${band.top}" width="${band.right - band.left}" height="${band.bottom - band.top}" fill="none" stroke="#10243e" stroke-width="4"/>\n`,
  )
  parts.push('</svg>\n')
  return {name: 'blood-pressure-bands', format: 'png', width, height, svg: parts.join('')}
}

export const drawings: readonly Drawing[] = [handWashingSteps(), sleepHoursByAge(), bloodPressureBands()]

export type DrawingName = 'hand-washing-steps' | 'sleep-hours-by-age' | 'blood-pressure-bands'
