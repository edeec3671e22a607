import {escapeHtml} from './html.ts'

/**
 * A small bar chart of next-review-due dates by month, as inline SVG (no scripts, no external files). The same
 * numbers are always given as a table too, which is the chart's text alternative.
 */

export interface MonthCount {
  /** `YYYY-MM`, or a label for the bars that gather the rest (`Overdue`, `Later`). */
  month: string
  count: number
  /** Reviews already past due. */
  past: boolean
}

/** How many months ahead the chart shows one bar each; later dates share one bar. */
export const MONTHS_AHEAD = 12

/**
 * Review dates by month from the as-of month on: one bar for everything already overdue, one per month for the
 * next year, one for later. The year ahead is what an editor plans; older months would only be empty bars.
 */
export function countByMonth(dates: readonly (string | null)[], asOf: string): MonthCount[] {
  const known = dates.filter((date): date is string => date !== null)
  if (known.length === 0) return []
  const first = asOf.slice(0, 7)
  const months = Array.from({length: MONTHS_AHEAD}, (_, index) => addMonths(first, index))
  const overdue: MonthCount = {month: 'Overdue', count: 0, past: true}
  const later: MonthCount = {month: 'Later', count: 0, past: false}
  const bars = months.map((month): MonthCount => ({month, count: 0, past: false}))
  for (const date of known) {
    if (date < asOf) overdue.count++
    else (bars[months.indexOf(date.slice(0, 7))] ?? later).count++
  }
  return [overdue, ...bars, later]
}

function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (mon - 1) + delta
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

const BAR = 22
const GAP = 6
const LEFT = 8
/** Room left of the first bar for its rotated label ("Overdue" leans about 22 px to the left of its bar). */
const LABEL_OVERHANG = 26
const TOP = 18
const PLOT = 120
const LABELS = 52

/** Colours chosen for at least 4.5:1 against white, so bars and labels stay readable. */
const UPCOMING = '#1f4e79'
const OVERDUE = '#a4262c'
const TEXT = '#1a1a1a'

export function dueChartSvg(bars: readonly MonthCount[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.count))
  const width = LEFT * 2 + LABEL_OVERHANG + bars.length * (BAR + GAP)
  const height = TOP + PLOT + LABELS
  const total = bars.reduce((sum, bar) => sum + bar.count, 0)
  const parts = bars.map((bar, index) => {
    const x = LEFT + LABEL_OVERHANG + index * (BAR + GAP)
    const h = Math.round((bar.count / max) * PLOT)
    const y = TOP + PLOT - h
    const labelX = x + BAR / 2
    const labelY = TOP + PLOT + 10
    return [
      h > 0 ? `<rect x="${x}" y="${y}" width="${BAR}" height="${h}" fill="${bar.past ? OVERDUE : UPCOMING}"/>` : '',
      bar.count > 0 ? `<text x="${labelX}" y="${y - 4}" text-anchor="middle" font-size="11" fill="${TEXT}">${bar.count}</text>` : '',
      `<text x="${labelX}" y="${labelY}" text-anchor="end" font-size="10" fill="${TEXT}" transform="rotate(-60 ${labelX} ${labelY})">${escapeHtml(bar.month)}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="due-chart-title due-chart-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title id="due-chart-title">Reviews due by month</title>`,
    `<desc id="due-chart-desc">${total} next-review dates: the overdue ones, then one bar per month for the next ${MONTHS_AHEAD} months, then later ones. The table below gives the same numbers.</desc>`,
    `<line x1="${LEFT + LABEL_OVERHANG}" y1="${TOP + PLOT}" x2="${width - LEFT}" y2="${TOP + PLOT}" stroke="${TEXT}"/>`,
    ...parts,
    `</svg>`,
  ].join('\n')
}
