/** Number formats people see the same way in the GUI and the CLI. */

/** "512 B", "1.4 KB", "3.2 MB", "1.05 GB" (binary multiples, as the GUI shows them). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
