// The options page: screening lists. Files are read here and sent to the
// worker, which checks them whole (in Rust) before storing or activating.
const tbody = document.querySelector('#lists tbody');
const status = document.getElementById('status');

function show(reply) {
  tbody.replaceChildren();
  const imported = new Set((reply.imported ?? []).map((l) => l.name));
  for (const list of reply.lists ?? []) {
    const row = document.createElement('tr');
    for (const value of [list.name, list.origin, list.dated ?? '—', list.entries, list.indicators]) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    const actions = document.createElement('td');
    if (imported.has(list.origin)) {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = `Remove ${list.origin}`;
      remove.addEventListener('click', () => send({ type: 'vetter/remove-list', name: list.origin }, `Removed ${list.origin}.`));
      actions.append(remove);
    }
    row.append(actions);
    tbody.append(row);
  }
}

async function send(message, done) {
  const reply = await chrome.runtime.sendMessage(message);
  if (reply?.lists) show(reply);
  status.classList.toggle('error', Boolean(reply?.error));
  status.textContent = reply?.error ? `Not imported — ${reply.error}. The lists in force are unchanged.` : done ?? '';
}

for (const [formId, kind] of [['import-sanctions', 'sanctions'], ['import-iocs', 'iocs']]) {
  document.getElementById(formId).addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const file = form.elements.file.files[0];
    if (!file) return;
    const alt = form.elements.alt?.files[0];
    await send(
      { type: 'vetter/import-list', kind, name: file.name, text: await file.text(), alt: alt ? await alt.text() : null },
      `Imported ${file.name}.`,
    );
    form.reset();
  });
}

send({ type: 'vetter/lists' });
