/**
 * The report's colours: Anki's legacy statistics palette, so the charts read as they always
 * did, with the pure yellows and black darkened a little to stand out on white.
 */
export const COLORS = {
  young: '#7c7',
  mature: '#070',
  learn: '#00f',
  relearn: '#c00',
  cram: '#d4b800',
  interval: '#077',
  hour: '#bbb',
  cumulative: 'rgba(0,0,0,0.85)',
  unseen: '#333',
  suspended: '#d4b800',
} as const;
