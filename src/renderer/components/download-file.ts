/** Saves `content` as a file through the browser's download (Electron asks where to save it). */
export function downloadFile(fileName: string, content: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the download to start reading the blob.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
