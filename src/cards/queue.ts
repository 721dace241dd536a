/**
 * The queue a card goes back to by its type, as Anki's `restore_queue_after_bury_or_suspend`:
 * new, review, or learning (intraday when the due is a timestamp, else interday). An SQL
 * expression over the card row; `due` is the due the card will have (its home due, for a card
 * leaving a filtered deck).
 */
export function queueFromType(due = 'due'): string {
  return `(case when type = 0 then 0 when type = 2 then 2 when ${due} > 1000000000 then 1 else 3 end)`;
}
