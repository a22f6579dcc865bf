// What the extension pages share: reading the recruiter's input for an
// action, showing a refusal from the worker, and saving a file.

/** The note typed in the note box, as a message for the worker. */
export function noteAction(button) {
  const text = document.getElementById('note-text')?.value.trim();
  return text ? { type: 'vetter/note', key: button.dataset.key, text } : null;
}

/** The explanation typed for a finding, as a message for the worker. */
export function explainAction(button) {
  const reason = document.querySelector(`[data-reason-for="${button.dataset.finding}"]`)?.value.trim();
  return reason ? { type: 'vetter/explain', key: button.dataset.key, finding: button.dataset.finding, reason } : null;
}

/** Shows the worker's refusal at the top of `main`, announced to screen readers. */
export function showError(main, text) {
  const p = document.createElement('p');
  p.className = 'notice';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  main.prepend(p);
}

/** Saves `text` as a file the user downloads. */
export function download(text, mime, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
