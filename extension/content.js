// Vetter's content script: snapshots the page for the worker and hosts the
// panel. It holds no logic of its own: extraction and analysis are Rust in
// the worker, and the panel is an extension page in a closed shadow root,
// so the host page can neither read nor style nor script it.
(() => {
  if (window.top !== window) return;
  // Injected again (the toolbar button, "Analyse selection"): the copy
  // already running reads the page now.
  if (typeof globalThis.__vetterAnalyse === 'function') {
    globalThis.__vetterAnalyse();
    return;
  }
  globalThis.__vetterAnalyse = () => analyse();

  const MAX_SNAPSHOT_CHARS = 4_000_000;
  const SETTLE_MS = 700; // wait for a single-page app to finish rendering
  const MAX_LATE_RETRIES = 4; // late-loaded content: a few tries, not forever
  const MAX_WAIT_MS = 3000; // a page that never stops changing is still read

  let host = null;
  let badge = null;
  let frame = null;
  let lastUrl = null;
  let lateRetries = 0;
  let timer = 0;
  let pendingSince = 0;
  let analyses = 0; // replies to an older read are dropped
  let staleTries = 0; // reads of this address that still showed another profile
  let collapse = () => {};

  // A message to the worker; null when it cannot answer (the extension was
  // updated or reloaded under this page).
  const send = (msg) => chrome.runtime.sendMessage(msg).catch(() => null);

  function snapshot() {
    const html = document.documentElement ? document.documentElement.outerHTML : '';
    return html.length > MAX_SNAPSHOT_CHARS ? html.slice(0, MAX_SNAPSHOT_CHARS) : html;
  }

  async function analyse() {
    if (location.href !== lastUrl) staleTries = 0;
    lastUrl = location.href;
    const generation = ++analyses;
    let reply;
    try {
      // Ask first: most pages of a site (feeds, searches) are not read at all.
      const { wants } = (await chrome.runtime.sendMessage({ type: 'vetter/wants' })) ?? {};
      if (generation !== analyses) return;
      if (!wants) {
        removePanel();
        return;
      }
      // The last try reads the page as shown, even if it names another profile as itself.
      const asShown = staleTries >= MAX_LATE_RETRIES;
      reply = await chrome.runtime.sendMessage({ type: 'vetter/snapshot', html: snapshot(), asShown });
    } catch {
      return; // extension updated or worker unavailable: leave the page alone
    }
    // A later read (the page moved on meanwhile) has the last word.
    if (generation !== analyses) return;
    if (reply?.status === 'stale') {
      // A single-page app changed the address before the new profile was
      // on screen: keep what is shown and read again shortly.
      staleTries += 1;
      setTimeout(() => analyse(), SETTLE_MS);
      return;
    }
    staleTries = 0;
    if (reply?.status === 'profile') {
      lateRetries = MAX_LATE_RETRIES;
      showPanel(reply);
    } else if (typeof reply?.unread === 'string' && reply.unread) {
      // A sign-in wall, "not found" or a bot check where the profile should
      // be: say so, so nobody takes the missing panel for a clean candidate.
      showNotice(reply.unread);
    } else {
      removePanel();
    }
  }

  const CSS = `
    :host { all: initial; }
    .wrap { position: fixed; top: 72px; right: 16px; z-index: 2147483647; width: 380px;
            font: 13px/1.4 system-ui, sans-serif; display: flex; flex-direction: column; align-items: flex-end;
            pointer-events: none; }
    /* Only the badge, its buttons and the panel take clicks: the rest of the
       box is the page's. */
    .wrap > * { pointer-events: auto; }
    button { all: initial; font: 600 13px/1 system-ui, sans-serif; cursor: pointer; padding: 8px 12px;
             border-radius: 16px; background: #1f2937; color: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
    button:focus-visible { outline: 3px solid #60a5fa; outline-offset: 2px; }
    button[data-level="medium"] { background: #b45309; }
    button[data-level="high"], button[data-level="critical"] { background: #b91c1c; }
    button[data-level="none"] { background: #166534; }
    button[data-level="unread"] { background: #4b5563; max-width: 340px; white-space: normal; line-height: 1.3; }
    iframe { border: 0; width: 380px; height: min(70vh, 560px); margin-top: 8px; border-radius: 8px;
             box-shadow: 0 4px 24px rgba(0,0,0,.3); background: #fff; color-scheme: light dark; }
    .collapsed iframe { display: none; }
    .wrap.left { right: auto; left: 16px; align-items: flex-start; }
    .wrap.free { right: auto; align-items: flex-start; }
    .bar { display: flex; gap: 6px; }
    .dock, .move { padding: 8px 10px; background: #374151; }
    .move { cursor: grab; touch-action: none; }
    .move:active { cursor: grabbing; }`;

  const KEY_STEP = 16; // pixels per arrow key press; Shift moves four steps

  function showPanel(reply) {
    if (!host || !host.isConnected) {
      // A plain div: a custom element name could be defined by the page,
      // which would then run code on (and reach into) the host.
      // No attribute or id to look for: a page should not be able to tell
      // that its visitor uses Vetter (issue #16). The element itself cannot
      // be hidden from the page's DOM; it says nothing about what it is.
      host = document.createElement('div');
      // Inline !important beats any page stylesheet: the host never takes
      // space in the page's layout.
      host.style.setProperty('all', 'initial', 'important');
      host.style.setProperty('position', 'fixed', 'important');
      host.style.setProperty('top', '0', 'important');
      host.style.setProperty('left', '0', 'important');
      host.style.setProperty('width', '0', 'important');
      host.style.setProperty('height', '0', 'important');
      host.style.setProperty('z-index', '2147483647', 'important');
      const root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = CSS;
      const wrap = document.createElement('div');
      wrap.className = 'wrap';
      badge = document.createElement('button');
      badge.type = 'button';
      badge.setAttribute('aria-expanded', 'true');
      badge.addEventListener('click', (e) => {
        e.stopPropagation();
        if (wrap.classList.contains('notice-only')) return; // nothing to open
        const collapsed = wrap.classList.toggle('collapsed');
        badge.setAttribute('aria-expanded', String(!collapsed));
      });
      // Move the panel to the other side when it covers something; remembered.
      const dock = document.createElement('button');
      dock.type = 'button';
      dock.className = 'dock';
      dock.textContent = '⇆';
      dock.setAttribute('aria-label', chrome.i18n.getMessage('dockLabel'));
      dock.addEventListener('click', (e) => {
        e.stopPropagation();
        const left = free(wrap) ? wrap.getBoundingClientRect().left < innerWidth / 2 : wrap.classList.toggle('left');
        place(wrap, null);
        wrap.classList.toggle('left', left);
        send({ type: 'vetter/set-panel-place', dock: left ? 'left' : 'right', position: null });
      });
      const move = moveHandle(wrap);
      // Kept by the worker: storage is closed to content scripts (a page's
      // script world could otherwise write what the worker reads).
      send({ type: 'vetter/panel-place' }).then((v) => {
        wrap.classList.toggle('left', v?.dock === 'left');
        place(wrap, v?.position);
      });
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.append(badge, move, dock);
      frame = document.createElement('iframe');
      frame.title = chrome.i18n.getMessage('panelFrameTitle');
      frame.src = chrome.runtime.getURL('extension/panel.html');
      wrap.append(bar, frame);
      collapse = () => {
        wrap.classList.add('collapsed');
        badge.setAttribute('aria-expanded', 'false');
        badge.focus();
      };
      root.append(style, wrap);
      document.documentElement.append(host);
    }
    wrap().classList.remove('notice-only');
    setBadge(reply);
  }

  // The badge says what the panel beside it shows: the worker sends it the
  // same view's level each time the panel loads its view.
  function setBadge(reply) {
    if (!badge || !frame) return;
    const level = typeof reply.level === 'string' ? reply.level : 'none';
    const score = Number.isFinite(reply.score) ? reply.score : 0;
    badge.dataset.level = level;
    const label = typeof reply.levelLabel === 'string' ? reply.levelLabel : level;
    badge.textContent = chrome.i18n.getMessage('badgeText', [label, String(score)]);
  }

  // The panel's box (badge, handles and frame) in the shadow root.
  const wrap = () => frame?.parentElement;

  // Only the badge, with why nothing was read: no case to open.
  function showNotice(text) {
    showPanel({ level: 'unread', score: 0 });
    const box = wrap();
    box?.classList.add('collapsed', 'notice-only');
    badge.setAttribute('aria-expanded', 'false');
    badge.dataset.level = 'unread';
    badge.textContent = chrome.i18n.getMessage('unreadBadge', [text]);
  }

  // One listener for the page's life: a smaller window never hides the panel.
  addEventListener('resize', () => {
    const wrap = frame?.parentElement;
    if (host?.isConnected && wrap && free(wrap)) place(wrap, position(wrap));
  });

  const free = (wrap) => wrap.classList.contains('free');
  const position = (wrap) => ({ x: parseFloat(wrap.style.left) || 0, y: parseFloat(wrap.style.top) || 0 });

  // Puts the panel at `at` (its top-left corner), kept inside the window so a
  // smaller window never hides it; `null` docks it back to its side.
  function place(wrap, at) {
    const valid = at && Number.isFinite(at.x) && Number.isFinite(at.y);
    wrap.classList.toggle('free', Boolean(valid));
    if (!valid) {
      wrap.style.removeProperty('left');
      wrap.style.removeProperty('top');
      return null;
    }
    const x = Math.min(Math.max(0, at.x), Math.max(0, innerWidth - wrap.offsetWidth));
    const y = Math.min(Math.max(0, at.y), Math.max(0, innerHeight - 48));
    wrap.style.left = `${Math.round(x)}px`;
    wrap.style.top = `${Math.round(y)}px`;
    return { x: Math.round(x), y: Math.round(y) };
  }

  // A handle that moves the panel anywhere: dragged with a pointer, or with
  // the arrow keys (Home docks it back). The place is remembered.
  function moveHandle(wrap) {
    const handle = document.createElement('button');
    handle.type = 'button';
    handle.className = 'move';
    handle.textContent = '✥';
    handle.setAttribute('aria-label', chrome.i18n.getMessage('moveLabel'));
    const save = (at) => send({ type: 'vetter/set-panel-place', position: at });
    let drag = null;
    const drop = () => {
      if (!drag) return;
      drag = null;
      if (free(wrap)) save(position(wrap));
    };
    handle.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      const box = wrap.getBoundingClientRect();
      drag = { dx: e.clientX - box.left, dy: e.clientY - box.top };
      handle.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    handle.addEventListener('pointermove', (e) => {
      // A page that swallows pointerup cannot leave the panel stuck to the pointer.
      if (drag && !(e.buttons & 1)) drop();
      if (drag) place(wrap, { x: e.clientX - drag.dx, y: e.clientY - drag.dy });
    });
    handle.addEventListener('pointerup', drop);
    handle.addEventListener('pointercancel', drop);
    handle.addEventListener('lostpointercapture', drop);
    handle.addEventListener('click', (e) => e.stopPropagation());
    handle.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
      const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      if (e.key === 'Home') {
        place(wrap, null);
        save(null);
      } else if (delta) {
        const box = wrap.getBoundingClientRect();
        save(place(wrap, { x: box.left + delta[0], y: box.top + delta[1] }));
      } else {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    });
    return handle;
  }

  function removePanel() {
    host?.remove();
    host = null;
  }

  function schedule(delay = SETTLE_MS) {
    const now = Date.now();
    pendingSince ||= now;
    clearTimeout(timer);
    timer = setTimeout(() => {
      pendingSince = 0;
      if (location.href !== lastUrl) {
        lateRetries = 0;
        analyse();
      } else if (!host && lateRetries < MAX_LATE_RETRIES) {
        lateRetries += 1; // the profile may render after load
        analyse();
      }
    }, Math.max(0, Math.min(delay, pendingSince + MAX_WAIT_MS - now)));
  }

  // Single-page navigation: the Navigation API where present, else history
  // events; DOM mutations only re-check the address and late content.
  globalThis.navigation?.addEventListener('navigatesuccess', () => schedule());
  window.addEventListener('popstate', () => schedule());
  new MutationObserver(() => schedule(location.href !== lastUrl ? SETTLE_MS : 1500)).observe(document, {
    childList: true,
    subtree: true,
  });
  // Escape in the panel (an extension frame) reaches here through the worker.
  chrome.runtime.onMessage.addListener((msg) => {
    if (msg?.type === 'vetter/collapse') collapse();
    if (msg?.type === 'vetter/badge') setBadge(msg);
  });
  analyse();
})();
