/**
 * Saves text as a file the browser's way: a Blob behind a link with `download`. In Electron the
 * same click becomes a download the shell's session handles (it asks where to save), so the shell
 * needs no channel of its own for it.
 */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark so spreadsheet apps read the UTF-8 (accents, ☕) as UTF-8.
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
