/** The report's last lines: when it was made, of what, over which period. */
import { escapeText } from './layout.js';

export function footer(generatedAt: string, scope: string, period: string): string {
  return (
    `<div class="section footer">Generated on ${escapeText(generatedAt)}<br>` +
    `Scope: ${escapeText(scope)}<br>Period: ${escapeText(period)}</div>`
  );
}
