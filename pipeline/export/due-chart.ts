import {escapeHtml} from './html.ts'

/**
 * A small bar chart of next-review-due dates by month, as inline SVG (no scripts, no external files). The same
 * numbers are always given as a table too, which is the chart's text alternative.
 */

export interface MonthCount {
  /** `YYYY-MM`, or `before YYYY-MM` for the bar that gathers older months. */
  month: string
  count: number
  /** The month is before the as-of month: those reviews are overdue. */
  past: boolean
}

export const MAX_BARS = 36

export function countByMonth(dates: readonly (string | null)[], asOf: string): MonthCount[] {
  const months = dates.filter((date): date is string => date !== null).map((date) => date.slice(0, 7))
  if (months.length === 0) return []
  const sorted = [...months].sort()
  const last = sorted.at(-1) as string
  let first = sorted[0] as string
  const floor = addMonths(last, -(MAX_BARS - 1))
  const gathered = first < floor
  if (gathered) first = floor
  const asOfMonth = asOf.slice(0, 7)
  const bars: MonthCount[] = []
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    bars.push({month, count: 0, past: month < asOfMonth})
  }
  const gatherBar: MonthCount = {month: `before ${floor}`, count: 0, past: floor <= asOfMonth}
  for (const month of months) {
    const bar = month < first ? gatherBar : bars.find((candidate) => candidate.month === month)
    if (bar) bar.count++
  }
  return gathered ? [gatherBar, ...bars] : bars
}

function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (mon - 1) + delta
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

const BAR = 22
const GAP = 6
const LEFT = 8
const TOP = 18
const PLOT = 120
const LABELS = 52

/** Colours chosen for at least 4.5:1 against white, so bars and labels stay readable. */
const UPCOMING = '#1f4e79'
const OVERDUE = '#a4262c'
const TEXT = '#1a1a1a'

export function dueChartSvg(bars: readonly MonthCount[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.count))
  const width = LEFT * 2 + bars.length * (BAR + GAP)
  const height = TOP + PLOT + LABELS
  const total = bars.reduce((sum, bar) => sum + bar.count, 0)
  const parts = bars.map((bar, index) => {
    const x = LEFT + index * (BAR + GAP)
    const h = Math.round((bar.count / max) * PLOT)
    const y = TOP + PLOT - h
    const labelX = x + BAR / 2
    const labelY = TOP + PLOT + 10
    return [
      `<rect x="${x}" y="${y}" width="${BAR}" height="${h}" fill="${bar.past ? OVERDUE : UPCOMING}"/>`,
      bar.count > 0 ? `<text x="${labelX}" y="${y - 4}" text-anchor="middle" font-size="11" fill="${TEXT}">${bar.count}</text>` : '',
      `<text x="${labelX}" y="${labelY}" text-anchor="end" font-size="10" fill="${TEXT}" transform="rotate(-60 ${labelX} ${labelY})">${escapeHtml(bar.month)}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="due-chart-title due-chart-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title id="due-chart-title">Reviews due by month</title>`,
    `<desc id="due-chart-desc">${total} next-review dates over ${bars.length} months; red bars are months already past (overdue). The table below gives the same numbers.</desc>`,
    `<line x1="${LEFT}" y1="${TOP + PLOT}" x2="${width - LEFT}" y2="${TOP + PLOT}" stroke="${TEXT}"/>`,
    ...parts,
    `</svg>`,
  ].join('\n')
}
