// The compliance form's live pre-checks (progressive enhancement: without
// this script the save button does the same with a full post). Items that
// depend on an earlier answer are hidden while it does not call for them;
// as the ente types, the form is saved as a draft through the JSON API
// (PUT …/form, the session's CSRF token in X-CSRF-Token), and the list of
// pre-checks and the reasons under each field are updated from its answer.
(() => {
  const form = document.getElementById('compliance-form');
  if (!form || form.dataset.live !== 'on') return;
  const list = document.getElementById('checks');
  const summary = document.getElementById('checks-summary');
  const badge = document.getElementById('form-state');
  const labels = JSON.parse(list.dataset.labels || '{}');
  const english = document.documentElement.lang === 'en';
  const items = [...form.querySelectorAll('[data-item]')];

  const field = (item) => item.querySelector('[name^="a."]:not([type="hidden"])') || item.querySelector('[name^="a."]');
  const lines = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l);

  // The answer an item holds, as the API reads it (undefined: none).
  function answer(item) {
    const input = field(item);
    const value = input ? input.value.trim() : '';
    switch (item.dataset.kind) {
      case 'declaration': return input.checked;
      case 'boolean': return value === '' ? undefined : value === 'yes';
      case 'integer': return value === '' ? undefined : (/^-?\d+$/.test(value) ? Number(value) : value);
      case 'ip_list': case 'string_list': { const l = lines(input.value); return l.length ? l : undefined; }
      case 'table': {
        const rows = [...item.querySelectorAll('tbody tr')].map((tr) => Object.fromEntries(
          [...tr.querySelectorAll('input')].map((i) => [i.dataset.column, i.value.trim()])))
          .filter((row) => Object.values(row).some((v) => v));
        return rows.length ? rows : undefined;
      }
      default: return value === '' ? undefined : value;
    }
  }

  function showConditional() {
    for (const item of items.filter((i) => i.dataset.whenItem)) {
      const earlier = items.find((i) => i.dataset.item === item.dataset.whenItem);
      let value = earlier ? answer(earlier) : undefined;
      if (typeof value === 'boolean') value = value ? 'yes' : 'no';
      item.hidden = !item.dataset.whenAny.split(' ').includes(value);
    }
  }

  function body() {
    const answers = {};
    for (const item of items) {
      const value = answer(item);
      if (value !== undefined) answers[item.dataset.item] = value;
    }
    const chosen = (name) => form.elements[name].value || null;
    return { contract_id: chosen('contract_id'), listing_id: chosen('listing_id'), answers };
  }

  function element(tag, text, attributes = {}) {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  }

  // Each reason under its field (the field reads it through aria-describedby).
  function showReasons(reasons) {
    form.querySelectorAll('ul.why').forEach((ul) => ul.replaceChildren());
    for (const { field: name, text } of reasons) {
      const ul = document.getElementById(`why-${name}`);
      if (ul) ul.append(element('li', text));
    }
  }

  function showChecks(checks) {
    const reasons = [];
    list.replaceChildren(...checks.map((check) => {
      const passed = check.outcome === 'pass';
      const li = element('li', '', { class: 'mb-2', 'data-check': check.check, 'data-outcome': check.outcome });
      li.append(element('span', passed ? list.dataset.passed : list.dataset.failed,
        { class: `badge ${passed ? 'bg-success' : 'bg-danger'}` }), ` ${labels[check.check] || check.check}`);
      if (check.findings.length) {
        const ul = element('ul');
        for (const f of check.findings) {
          const text = english ? f.en : f.it;
          reasons.push({ field: f.field, text });
          const label = document.querySelector(`label[for="field-${f.field}"], #field-${f.field} > legend`);
          const li2 = element('li');
          li2.append(label ? element('a', `${label.textContent.trim()}: ${text}`, { href: `#field-${f.field}` }) : text);
          ul.append(li2);
        }
        li.append(ul);
      }
      return li;
    }));
    const failed = checks.filter((c) => c.outcome !== 'pass').length;
    summary.textContent = summary.dataset.template.replace('{failed}', failed).replace('{total}', checks.length);
    showReasons(reasons);
  }

  // Draft saves go one after the other, each made to the version the one
  // before it left (If-Match), and a post of the form waits for them.
  let queue = Promise.resolve();
  let pending = 0;
  function check() {
    pending += 1;
    queue = queue.then(save).finally(() => { pending -= 1; });
  }
  async function save() {
    try {
      const response = await fetch(form.dataset.api, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          'X-CSRF-Token': form.elements.csrf_token.value,
          'If-Match': `"${form.elements.version.value}"`,
        },
        body: JSON.stringify(body()),
      });
      const answer = await response.json();
      if (response.ok) {
        form.elements.version.value = answer.version;
        showChecks(answer.checks);
        if (badge && badge.dataset.state !== answer.state) {
          badge.dataset.state = answer.state;
          badge.textContent = badge.dataset.draft;
        }
      } else if (response.status === 409) {
        // A colleague saved meanwhile: say who; the save button shows it again.
        summary.textContent = answer.detail;
      } else {
        const errors = answer.errors || [];
        summary.textContent = summary.dataset.invalid;
        showReasons(errors.map((e) => ({ field: e.field.replace(/^answers\./, ''), text: e.rule })));
      }
    } catch {
      // Offline or refused: the save button still posts the form.
    }
  }

  let timer;
  const later = () => { showConditional(); clearTimeout(timer); timer = setTimeout(check, 600); };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', (event) => {
    clearTimeout(timer);
    if (pending === 0) return;
    event.preventDefault();
    const button = event.submitter;
    queue.then(() => form.requestSubmit(button));
  });
  showConditional();
})();
