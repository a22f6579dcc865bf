// The no-install page: the same wasm core as the extension, fed with files
// the user drops or pastes. Analysis and rendering (with escaping) are Rust.
import init, { loadData, renderPanel, restoreMessageModel, scanFiles } from './pkg/vetter.js';

// messages.json: the English UI strings the Rust renderer uses (from _locales/en).
const DATASETS = ['cities.tsv', 'disposable-domains.txt', 'nicknames.tsv', 'han-pinyin.txt', 'messages.json'];
// Said with each result when the message model (trained when the page was
// built) could not be loaded: messages are then read by the word lists alone.
let modelProblem = '';
async function loadMessageModel() {
  try {
    const response = await fetch(new URL('./data/behaviour-model.bin', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    restoreMessageModel(new Uint8Array(await response.arrayBuffer()));
  } catch (err) {
    modelProblem = ` The message model could not be loaded (${err.message ?? err}): requests in messages are recognised by the word lists alone.`;
  }
}
const ready = init({ module_or_path: new URL('./pkg/vetter_bg.wasm', import.meta.url) }).then(() =>
  Promise.all([
    loadMessageModel(),
    ...DATASETS.map(async (name) => {
      const response = await fetch(new URL(`./data/${name}`, import.meta.url));
      if (response.ok) loadData(name, await response.text());
    }),
  ]),
);
const files = []; // {name, text}
const status = document.getElementById('status');
const result = document.getElementById('result');
const clear = document.getElementById('clear');
const MAX_FILE_BYTES = 8 * 1024 * 1024;

clear.addEventListener('click', () => {
  files.length = 0;
  result.replaceChildren();
  status.textContent = 'Cleared: drop the next candidate\'s pages.';
  clear.hidden = true;
  document.getElementById('files').value = '';
});

async function analyse() {
  await ready;
  try {
    const view = scanFiles(JSON.stringify(files), Date.now());
    result.innerHTML = renderPanel(view);
    // Every file dropped is read as one candidate's: another candidate
    // starts over, or their pages would be cross-checked against these.
    status.textContent = `${files.length} file(s) analysed together, as one candidate.${modelProblem}`;
    clear.hidden = false;
  } catch (err) {
    status.textContent = `Could not analyse: ${err.message ?? err}`;
  }
}

async function addFiles(list) {
  for (const file of list) {
    if (file.size > MAX_FILE_BYTES) {
      status.textContent = `${file.name} is larger than 8 MB and was skipped.`;
      continue;
    }
    files.push({ name: file.name, text: await file.text() });
  }
  await analyse();
}

const drop = document.getElementById('drop');
document.getElementById('files').addEventListener('change', (e) => addFiles(e.target.files));
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  addFiles(e.dataTransfer.files);
});
document.getElementById('add-paste').addEventListener('click', () => {
  const text = document.getElementById('paste').value;
  if (text.trim()) {
    files.push({ name: `pasted-${files.length + 1}.html`, text });
    document.getElementById('paste').value = '';
    analyse();
  }
});
