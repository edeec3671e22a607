/**
 * Today's calendar date where the editor sits, as `YYYY-MM-DD`. A reviewer signing off at 08:00 in
 * Sydney means today in Sydney, not yesterday in UTC.
 */
export function localToday(now: Date = new Date()): string {
  const year = String(now.getFullYear()).padStart(4, '0')
  const month = String(now.getMonth() + 1).padStart(2, '0')
  const day = String(now.getDate()).padStart(2, '0')
  return `${year}-${month}-${day}`
}
