// What the extension pages share: reading the recruiter's input for an
// action, showing a refusal from the worker, and saving a file.

/** The note typed in the note box, as a message for the worker. */
export function noteAction(button) {
  const text = document.getElementById('note-text')?.value.trim();
  return text ? { type: 'vetter/note', key: button.dataset.key, text } : null;
}

/** The verdict chosen and its reason, as a message for the worker. */
export function verdictAction(button) {
  const verdict = document.getElementById('verdict-kind')?.value;
  const reason = document.getElementById('verdict-reason')?.value.trim() ?? '';
  // Sharing the case in full is only ever what the recruiter ticked (agency mode).
  const shared = document.getElementById('verdict-share')?.checked === true;
  return verdict ? { type: 'vetter/verdict', key: button.dataset.key, verdict, reason, shared } : null;
}

/** Opening a case a colleague shared in full with the team: the worker imports it and opens its dossier. */
export function teamOpenAction(button) {
  return { type: 'vetter/team-open', record: button.dataset.record };
}

/** The explanation typed for a finding, as a message for the worker. */
export function explainAction(button) {
  const reason = document.querySelector(`[data-reason-for="${button.dataset.finding}"]`)?.value.trim();
  return reason ? { type: 'vetter/explain', key: button.dataset.key, finding: button.dataset.finding, reason } : null;
}

/** A field entered or corrected by hand, as a message for the worker (an empty value takes it back). */
export function enterFieldAction(button) {
  const field = document.getElementById('enter-field')?.value;
  const value = document.getElementById('enter-value')?.value.trim() ?? '';
  return field ? { type: 'vetter/enter-field', key: button.dataset.key, field, value } : null;
}

// A field's identity across renders: the attribute the Rust renderer names it by.
const FIELD_KEYS = ['id', 'data-reason-for', 'data-split-key', 'data-check-status', 'data-check-note'];

function fieldKey(el) {
  const attr = FIELD_KEYS.find((a) => el.hasAttribute(a));
  return attr ? `[${attr}="${CSS.escape(el.getAttribute(attr))}"]` : null;
}

function isDirty(el) {
  if (el.type === 'checkbox') return el.checked !== el.defaultChecked;
  if (el.tagName === 'SELECT') return [...el.options].some((o) => o.selected !== o.defaultSelected);
  return el.value !== el.defaultValue;
}

/**
 * Replaces `container`'s content with freshly rendered `html`, keeping what
 * the recruiter was doing: text typed and choices made but not saved, open
 * forms, and the focus. The worker re-renders every open panel whenever any
 * tab reads a profile; that must not wipe a half-written note.
 */
export function replaceKeepingInput(container, html) {
  const typed = [...container.querySelectorAll('input, textarea, select')]
    .filter((el) => fieldKey(el) && isDirty(el))
    .map((el) => [fieldKey(el), el.type === 'checkbox' ? el.checked : el.value]);
  const open = [...container.querySelectorAll('details[open]')]
    .map((d) => d.querySelector('textarea, input, select'))
    .map((el) => el && fieldKey(el))
    .filter(Boolean);
  const active = container.contains(document.activeElement) ? document.activeElement : null;
  const focused = active && fieldKey(active);
  const selection = active?.selectionStart != null ? [active.selectionStart, active.selectionEnd] : null;
  container.innerHTML = html;
  for (const [key, value] of typed) {
    const el = container.querySelector(key);
    if (el?.type === 'checkbox') el.checked = value;
    else if (el) el.value = value;
  }
  for (const key of open) container.querySelector(key)?.closest('details')?.setAttribute('open', '');
  const refocus = focused && container.querySelector(focused);
  if (refocus) {
    refocus.focus();
    if (selection && refocus.setSelectionRange) refocus.setSelectionRange(...selection);
  }
}

// The field each action reads its text from.
const SOURCES = {
  'vetter/note': () => document.getElementById('note-text'),
  'vetter/verdict': () => document.getElementById('verdict-reason'),
  'vetter/explain': (m) => document.querySelector(`[data-reason-for="${CSS.escape(m.finding)}"]`),
  'vetter/enter-field': () => document.getElementById('enter-value'),
};

/** Empties the field an action read its text from, once the action is done. */
export function clearSource(message) {
  const field = SOURCES[message.type]?.(message);
  if (field) field.value = '';
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
