// The page's shell: reads the forms, asks the engine (WebAssembly), shows the
// answer. No rule lives here; every number and sentence comes from the engine.
import init, { evaluate } from './pkg/vardval.js';

const $ = (id) => document.getElementById(id);

// The calendar day in Sweden, which the engine needs as `today`.
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function sourcesList(sources) {
  const list = el('ul', null, { class: 'sources' });
  for (const s of sources) {
    const li = el('li');
    li.append(s.url ? el('a', s.title, { href: `https://${s.url}`, rel: 'noreferrer' }) : s.title);
    list.append(li);
  }
  return list;
}

function show(box, heading, summary, details, sources) {
  box.replaceChildren(el('h3', heading), el('p', summary, { class: 'summary' }));
  const why = el('details');
  why.append(el('summary', 'Varför?'));
  const ul = el('ul');
  for (const d of details) ul.append(el('li', d));
  why.append(ul, el('p', 'Källor:'), sourcesList(sources));
  box.append(why);
  box.hidden = false;
  box.focus();
}

function showErrors(box, errors) {
  box.replaceChildren(el('h3', 'Det finns ett problem'));
  const ul = el('ul', null, { class: 'errors' });
  for (const e of errors) ul.append(el('li', e.message, { 'data-code': e.code, 'data-path': e.path }));
  box.append(ul);
  box.hidden = false;
  box.focus();
}

function run(box, situation, render) {
  try {
    render(evaluate(situation));
  } catch (thrown) {
    showErrors(box, thrown?.errors ?? [{ path: '', code: 'internal', message: String(thrown) }]);
  }
}

function relist(event) {
  event.preventDefault();
  const changes = ['change1', 'change2'].map((id) => $(id).value.trim()).filter(Boolean).map((date) => ({ date }));
  const reason = $('reason').value || null;
  const box = $('relist-answer');
  run(box, { today: today(), lang: 'sv', listing: { unit: { id: 'current' }, changes, planned: { reason } }, person: { home_region: $('region').value } }, (a) => {
    const l = a.listing;
    show(box, l.can_change ? 'Ja' : 'Nej', l.summary, l.details, l.sources);
    box.dataset.canChange = String(l.can_change);
    box.dataset.nextFreeChange = l.next_free_change ?? '';
  });
}

function fees(event) {
  event.preventDefault();
  const visits = $('visits').value.split(/\s+/).filter(Boolean).map((date) => ({ date, where: 'listed' }));
  const age = Number.parseInt($('age').value, 10);
  const box = $('fees-answer');
  run(box, { today: today(), lang: 'sv', person: { age: Number.isNaN(age) ? $('age').value : age, home_region: $('region').value }, visits }, (a) => {
    const f = a.fees;
    show(box, 'Dina avgifter', f.summary, f.details, f.sources);
    // What the same visits would cost under the 100 kr proposal, beside the answer.
    if (f.proposal) box.querySelector('.summary').after(el('p', f.proposal.summary, { class: 'proposal' }));
    box.dataset.totalCharged = String(f.total_charged);
    box.dataset.proposalTotal = String(f.proposal?.total_charged ?? '');
  });
}

async function main() {
  // The region names come from the rulebook the engine uses (written by `make build`).
  const [rules] = await Promise.all([fetch('data/rules-se.json').then((r) => r.json()), init()]);
  const select = $('region');
  for (const r of rules.regions) select.append(el('option', r.name, { value: r.code }));
  select.value = '13';
  $('relist').addEventListener('submit', relist);
  $('fees').addEventListener('submit', fees);
  $('status').textContent = 'Räknaren är klar.';
  document.documentElement.dataset.ready = 'true';
}

main().catch((e) => {
  $('status').textContent = 'Räknaren kunde inte starta i den här webbläsaren.';
  console.error(e);
});
