// UI strings come from _locales (chrome.i18n); pages mark translatable
// text with data-i18n (text), data-i18n-placeholder and data-i18n-label
// (aria-label) attributes, filled here.
export const t = (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions.map(String)) || key;

/** The UI strings for the wasm core's renderer: the user's language, else English. */
const LEVEL_KEYS = {
  none: 'level_none',
  info: 'level_info',
  low: 'level_low',
  medium: 'level_medium',
  high: 'level_high',
  critical: 'level_critical',
};

/** A risk level ("high") in the user's language. */
export const levelLabel = (level) => (LEVEL_KEYS[level] ? t(LEVEL_KEYS[level]) : String(level));

export async function catalogue() {
  const ui = chrome.i18n.getUILanguage().replace('-', '_');
  for (const locale of [ui, ui.split('_')[0], 'en']) {
    try {
      const response = await fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`));
      if (response.ok) return await response.text();
    } catch {
      // not shipped in this language: try the next
    }
  }
  return '{}';
}

export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = title.textContent;
}
