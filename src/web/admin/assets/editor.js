// The editor's comforts; the form works without them. Live preview (the server renders
// the body as the public page would, ~300 ms after typing stops), autosave of drafts
// every 5 s when the title or body changed (a new post becomes a draft at its first
// autosave), inserting an image or a jump break at the cursor, and label suggestions
// after a comma.
'use strict';

(() => {
  const form = document.getElementById('editor');
  if (!form) return;
  const csrf = form.elements.csrf.value;
  const { title, source, format, labels } = form.elements;
  const preview = document.getElementById('preview');
  const removed = document.getElementById('removed');
  const removedList = document.getElementById('removed-list');
  const status = document.getElementById('autosave-status');

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
      body: new URLSearchParams(body),
      credentials: 'same-origin',
    });
  }

  async function answer(response) {
    const type = response.headers.get('Content-Type') || '';
    const json = type.startsWith('application/json') ? await response.json() : {};
    if (!response.ok) throw new Error(json.error || `the server answered ${response.status}`);
    return json;
  }

  // --- live preview ---------------------------------------------------------------
  let previewTimer = 0;
  let previewSeq = 0;
  async function refreshPreview() {
    const seq = ++previewSeq;
    try {
      const { html, removed: parts } = await answer(
        await post('/admin/preview', { format: format.value, source: source.value }));
      if (seq !== previewSeq) return;
      // Sanitized by the server, exactly as the public page will show it.
      preview.innerHTML = html;
      showRemoved(parts || []);
    } catch {
      // Offline or signed out: the Preview button still works.
    }
  }
  // What saving will take out of the body, as the server's sanitizer says.
  function showRemoved(parts) {
    removedList.replaceChildren(...parts.map(({ what, count }) => {
      const item = document.createElement('li');
      item.textContent = `${count} × ${what}`;
      return item;
    }));
    removed.hidden = parts.length === 0;
  }
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300);
  }
  source.addEventListener('input', schedulePreview);
  format.addEventListener('change', schedulePreview);

  // --- autosave (drafts only) ---------------------------------------------------------
  let dirty = false;
  let saving = null;  // the autosave under way
  let submitting = false;
  title.addEventListener('input', () => { dirty = true; });
  source.addEventListener('input', () => { dirty = true; });
  form.addEventListener('submit', (event) => {
    // A new post's first autosave may be creating it: submit once it has, to its URL,
    // or it would be created twice.
    if (saving && form.dataset.status === 'new') {
      event.preventDefault();
      saving.finally(() => form.requestSubmit(event.submitter));
      return;
    }
    submitting = true;
  });

  function fields() {
    const data = new URLSearchParams(new FormData(form));
    data.delete('csrf');
    data.set('action', 'draft');
    return data;
  }

  // A new post's first autosave creates the draft; the form then edits it.
  async function createDraft() {
    const made = await answer(await post(form.dataset.create, fields()));
    form.setAttribute('action', made.edit_href);  // form.action is the buttons named action
    form.dataset.autosave = made.autosave_href;
    form.dataset.status = 'draft';
    history.replaceState(null, '', made.edit_href);
    return made;
  }

  async function save(isNew) {
    try {
      const saved = isNew ? await createDraft()
                          : await answer(await post(form.dataset.autosave, fields()));
      status.textContent = `Draft autosaved at ${saved.saved_at}`;
    } catch (error) {
      dirty = true;
      status.textContent = `Not autosaved: ${error.message}`;
    }
  }

  function autosave() {
    const isNew = form.dataset.status === 'new';
    if (!dirty || saving || submitting) return;
    if (!isNew && form.dataset.status !== 'draft') return;
    if (isNew && title.value.trim() === '') return;  // a post needs a title to be kept
    dirty = false;
    saving = save(isNew).finally(() => { saving = null; });
  }
  setInterval(autosave, 5000);

  // --- insert an image or a jump break -------------------------------------------------
  function insert(snippet) {
    source.setRangeText(snippet, source.selectionStart, source.selectionEnd, 'end');
    source.focus();
    source.dispatchEvent(new Event('input'));  // the preview and autosave see it
  }
  const escapeAttr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  for (const button of document.querySelectorAll('button.insert-image')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const { url, alt } = button.dataset;
      insert(format.value === 'html'
        ? `<img src="${escapeAttr(url)}" alt="${escapeAttr(alt)}">`
        : `![${alt}](${url})`);
    });
  }
  // Blogger's break, an HTML comment: Markdown passes it through as raw HTML too.
  for (const button of document.querySelectorAll('button.insert-jump-break')) {
    button.hidden = false;
    button.addEventListener('click', () => insert('<!-- more -->'));
  }

  // --- label suggestions after a comma -----------------------------------------------------
  const list = document.getElementById(labels.getAttribute('list'));
  const known = [...list.options].map((option) => option.value);
  labels.addEventListener('input', () => {
    const typed = labels.value.split(',').map((part) => part.trim());
    typed.pop();  // the label being typed
    const prefix = typed.filter(Boolean).map((label) => `${label}, `).join('');
    list.replaceChildren(...known.filter((label) => !typed.includes(label))
      .map((label) => new Option(label, prefix + label)));
  });
})();
