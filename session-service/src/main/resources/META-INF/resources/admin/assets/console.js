// Mobility HA operations console: plain ES2020, no framework, no build step, no CDN.
// Polls the company's overview every 2 s (works through any proxy or ingress, and simply
// resumes when the site answers again); actions are confirmed in a dialog first.
'use strict';

const POLL_MILLIS = 2000;
const api = 'api/';
let company = null;
let otherConsoles = [];
const OVERVIEW_AUDIT = 20; // the overview carries the latest 20 actions; more come from the audit API
let auditLimit = OVERVIEW_AUDIT;
const OVERVIEW_UNREACHABLE = 20; // the overview lists the 20 longest unreachable agents; all come from their API
let unreachableLimit = OVERVIEW_UNREACHABLE;
// B3: a Global Resiliency company's traffic distribution, read from Amazon Connect within its API budget: every
// fifth poll (10 s), and at the next poll after a shift; a company with independent instances (404) has no card.
const TRAFFIC_EVERY = 5;
let trafficPolls = 0;
let globalResiliency = true;

const $ = (selector) => document.querySelector(selector);

function text(value) {
  return value === null || value === undefined || value === '' ? '–' : String(value);
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '–';
}

function seconds(millis) {
  return millis < 0 ? 'unknown' : (millis / 1000).toFixed(2) + ' s';
}

function badge(state) {
  const span = document.createElement('span');
  span.className = 'badge badge-' + String(state).toLowerCase().replace(/[^a-z_]/g, '');
  span.textContent = state;
  return span;
}

function fillTable(id, rows, cells) {
  const body = document.querySelector('#' + id + ' tbody');
  const fragment = document.createDocumentFragment();
  rows.forEach((row) => {
    const tr = document.createElement('tr');
    cells(row).forEach((cell, index) => {
      const td = document.createElement(index === 0 ? 'th' : 'td');
      if (index === 0) td.scope = 'row';
      if (cell instanceof Node) td.appendChild(cell); else td.textContent = text(cell);
      tr.appendChild(td);
    });
    fragment.appendChild(tr);
  });
  body.replaceChildren(fragment);
  const empty = document.querySelector('[data-empty-for="' + id + '"]');
  if (empty) empty.hidden = rows.length > 0;
}

async function call(path, options = {}) {
  const response = await fetch(api + path, {
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
    ...options,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const problem = new Error(body.detail || body.title || ('HTTP ' + response.status));
    problem.status = response.status;
    throw problem;
  }
  return body;
}

async function sendAction(path, body, key) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(path, { method: 'POST', body: JSON.stringify(body),
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key } });
    } catch (error) {
      const unanswered = error.status === undefined || error.status === 503;
      if (!unanswered || attempt === ACTION_ATTEMPTS) throw error;
      await new Promise(resolve => setTimeout(resolve, 1000 * attempt));
    }
  }
}

function refuse(message) {
  $('#console').hidden = true;
  const refusal = $('#refusal');
  refusal.textContent = message;
  refusal.hidden = false;
}

function render(overview) {
  otherConsoles = overview.sites.filter((s) => s.name !== overview.servedBy && s.consoleUrl);
  fillTable('sites', overview.sites, (s) => [
    s.name + (s.name === overview.servedBy ? ' (this console)' : ''),
    badge(s.alive ? 'ALIVE' : (s.takenOverBy ? 'TAKEN OVER' : 'SILENT')),
    s.alive ? seconds(s.heartbeatAgeMillis) + ' ago'
      : 'none' + (s.takenOverBy ? ', sessions moved to ' + s.takenOverBy.split(':')[0] : ''),
    s.sessions.active, s.sessions.reloginRequired, s.sessions.onCall]);
  fillTable('instances', overview.instances, (i) => [
    instanceLabel(i),
    badge(i.state), time(i.since) + (i.by ? ' (site ' + i.by + ')' : ''),
    i.sessions.active, i.sessions.reloginRequired, i.sessions.onCall]);
  $('#offline-duties').textContent = overview.pendingOfflineDuties === 0
    ? 'Every logged-out agent is Offline.'
    : overview.pendingOfflineDuties + ' logged-out agent(s) still to be set Offline (their logout could not reach the gateway; it retries).';
  if (unreachableLimit === OVERVIEW_UNREACHABLE) renderUnreachable(overview.unreachable);
  const reports = new Map(overview.notifications.map((n) => [n.notificationId, n]));
  fillTable('failovers', overview.failovers, (f) => [
    time(f.at), describe(f) + waveProgress(f, overview), seconds(f.detectionMillis), f.kind === 'INSTANCE_UP' ? '–' : seconds(f.handlingMillis),
    f.sessions, f.callsLost, delivered(f.notificationIds, reports)]);
  fillTable('notifications', overview.notifications, (n) => [
    time(n.createdAt), badge(n.kind), n.origin, n.message, n.sessions, n.targeted, n.sent, n.failed, n.pruned, n.delivered]);
  if (auditLimit === OVERVIEW_AUDIT) renderAudit(overview.audit);
  $('#freshness').textContent = 'Live · updated ' + time(overview.at) + ' by site ' + overview.servedBy;
  $('#banner').hidden = true;
}

function instanceLabel(instance) {
  const label = document.createElement('span');
  label.textContent = instance.role + ' (' + instance.region + ')';
  label.title = 'Instance ' + instance.instanceId;
  return label;
}

const SEEN_BY = { CHECK_IN: 'check-in', PUSH_ACK: 'push acknowledged', ON_CALL: 'on a call' };

function renderUnreachable(unreachable) {
  $('#unreachable-count').textContent = unreachable.count === 0
    ? 'No agent is unreachable: every watched phone answers.'
    : unreachable.count + ' agent(s) made non-routable because their phone fell silent'
      + (unreachable.agents.length < unreachable.count ? '; the ' + unreachable.agents.length + ' longest unreachable listed.' : '.');
  $('#unreachable').hidden = unreachable.count === 0;
  $('#unreachable-more').hidden = unreachable.agents.length >= unreachable.count;
  fillTable('unreachable', unreachable.agents, (u) => [
    u.username, time(u.since), u.status, time(u.lastSeenAt), SEEN_BY[u.lastSeenBy] || u.lastSeenBy,
    u.site + ' · ' + u.instanceRole, u.back ? 'yes, offered Available' : 'no']);
}

function renderAudit(entries) {
  fillTable('audit', entries, (a) => [time(a.at), a.who, a.action, a.what, a.ref]);
}

function describe(event) {
  switch (event.kind) {
    case 'SITE_TAKEOVER': return 'Site ' + event.subject + ' silent: sessions taken over by ' + event.handledBy;
    case 'SITE_HANDOVER': return 'Site ' + event.subject + ' unreachable from that site only: sessions there moved to ' + event.handledBy;
    case 'INSTANCE_DOWN': return 'Instance ' + event.subject + ' DOWN: sessions asked to sign in again';
    case 'INSTANCE_UP': return 'Instance ' + event.subject + ' UP again';
    case 'AGENTS_MOVED': return 'Global Resiliency: sessions moved to instance ' + event.subject + ', no new sign-in';
    default: return event.kind + ' ' + event.subject;
  }
}

/**
 * A RELOGIN wave under way: for the newest INSTANCE_DOWN of an instance still DOWN, how many of the
 * agents it asked to sign in again are back (their old session ended) and how many are still waiting.
 */
function waveProgress(event, overview) {
  if (event.kind !== 'INSTANCE_DOWN') return '';
  const instance = overview.instances.find((i) => i.role === event.subject);
  const newest = overview.failovers.find((f) => f.kind === 'INSTANCE_DOWN' && f.subject === event.subject);
  if (!instance || instance.state !== 'DOWN' || newest !== event) return '';
  const waiting = instance.sessions.reloginRequired;
  return ' · wave: ' + Math.max(0, event.sessions - waiting) + ' back, ' + waiting + ' waiting';
}

function delivered(ids, reports) {
  if (!ids || ids.length === 0) return '–';
  const known = ids.map((id) => reports.get(id)).filter(Boolean);
  if (known.length === 0) return 'see its notifications';
  const sent = known.reduce((sum, report) => sum + report.sent, 0);
  const targeted = known.reduce((sum, report) => sum + report.targeted, 0);
  return sent + ' of ' + targeted + ' devices';
}

async function pollTraffic(path) {
  if (!globalResiliency || trafficPolls++ % TRAFFIC_EVERY !== 0) return;
  try {
    renderTraffic(await call(path + '/traffic-distribution'));
  } catch (error) {
    if (error.status === 404) {
      globalResiliency = false;
      $('#traffic-card').hidden = true;
    }
  }
}

function renderTraffic(traffic) {
  $('#traffic-card').hidden = false;
  $('#traffic-policy').textContent = traffic.policy === 'AUTOMATIC'
    ? 'Policy automatic: the source Region DOWN shifts everything to the replica; shifts and fail-backs are yours.'
    : 'Policy manual: you shift the traffic, also when the source Region fails; fail-backs are yours.';
  fillTable('traffic', traffic.regions, (r) => [r.region, r.role + (r.source ? ' (source)' : ' (replica)'),
    r.telephony + ' %', r.signIn ? 'enabled' : 'disabled', r.agents + ' %', r.sessions]);
  $('#traffic-shift').textContent = shiftText(traffic.shift);
  const select = $('#shift-region');
  if (select.options.length === 0) {
    traffic.regions.forEach((r) => select.add(new Option(r.region + (r.source
      ? ' – fail back to the source (' + r.role + ')' : ' – the replica (' + r.role + ')'), r.region)));
  }
}

function shiftText(shift) {
  if (!shift) return 'No shift started by an administrator yet.';
  const by = ' (started by ' + shift.startedBy + ' at ' + time(shift.startedAt) + ')';
  switch (shift.state) {
    case 'IN_PROGRESS': return 'Wave in progress: ' + shift.percentage + ' % sent to ' + shift.targetRegion
      + ', next wave at ' + time(shift.nextWaveAt) + by;
    case 'DONE': return 'Last shift: everything sent to ' + shift.targetRegion
      + '; agents on a call move there when it ends' + by;
    default: return 'Last shift to ' + shift.targetRegion + ' stopped at ' + shift.percentage
      + ' %: someone else changed the distribution' + by;
  }
}

async function poll() {
  try {
    const path = 'companies/' + encodeURIComponent(company.companyCode);
    render(await call(path + '/overview'));
    if (auditLimit > OVERVIEW_AUDIT) renderAudit(await call(path + '/audit?limit=' + auditLimit));
    if (unreachableLimit > OVERVIEW_UNREACHABLE) renderUnreachable(await call(path + '/unreachable-agents?limit=' + unreachableLimit));
    await pollTraffic(path);
  } catch (error) {
    if (error.status === 401) {
      refuse('Your sign-in has expired. Reload the page to sign in again.');
      return;
    }
    if (error.status === 403) {
      refuse(error.message);
      return;
    }
    const banner = $('#banner');
    banner.replaceChildren(document.createTextNode('This site does not answer; retrying. '));
    otherConsoles.forEach((site) => {
      const link = document.createElement('a');
      link.href = site.consoleUrl;
      link.textContent = 'Open the console of site ' + site.name;
      banner.appendChild(link);
    });
    banner.hidden = false;
  }
  setTimeout(poll, POLL_MILLIS);
}

function confirmThen(message, action) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = message;
  dialog.returnValue = '';
  dialog.addEventListener('close', () => { if (dialog.returnValue === 'ok') action(); }, { once: true });
  dialog.showModal();
}

function notificationRequest() {
  const choice = $('#audience').value;
  const audience = choice === 'COMPANY' ? { type: 'COMPANY' }
    : choice === 'USERS' ? { type: 'USERS', usernames: $('#usernames').value.split(/[\s,]+/).filter(Boolean) }
      : { type: 'INSTANCE', instanceRole: choice.split(':')[1] };
  const message = $('#message').value.trim();
  return { audience, kind: $('#kind').value, ...(message ? { message } : {}) };
}

function audienceText(request) {
  switch (request.audience.type) {
    case 'COMPANY': return 'everyone signed in at ' + company.companyName;
    case 'INSTANCE': return 'the users of the ' + request.audience.instanceRole + ' instance';
    default: return 'users ' + request.audience.usernames.join(', ');
  }
}

// A confirmed action is sent with its own Idempotency-Key, and sent again (same key) when its service did
// not answer or the network failed: the services carry out one key's action once, whatever the retries.
const ACTION_ATTEMPTS = 3;

async function act(resultId, path, body, done) {
  const result = $(resultId);
  result.className = 'result';
  result.textContent = 'Sending…';
  const key = crypto.randomUUID();
  try {
    const accepted = await sendAction('companies/' + encodeURIComponent(company.companyCode) + '/' + path, body, key);
    result.textContent = done(accepted);
    result.classList.add('ok');
  } catch (error) {
    result.textContent = 'Refused: ' + error.message;
    result.classList.add('error');
  }
}

function wireForms() {
  $('#audit-more').addEventListener('click', () => {
    auditLimit = 200;
    $('#audit-more').hidden = true;
  });
  $('#unreachable-more').addEventListener('click', () => {
    unreachableLimit = 1000;
    $('#unreachable-more').hidden = true;
  });
  $('#audience').addEventListener('change', () => { $('#users-field').hidden = $('#audience').value !== 'USERS'; });
  $('#notify').addEventListener('submit', (event) => {
    event.preventDefault();
    const request = notificationRequest();
    confirmThen('Send ' + request.kind + ' to ' + audienceText(request)
      + (request.message ? ': "' + request.message + '"' : '') + '?',
    () => act('#notify-result', 'notifications', request,
      (accepted) => 'Queued as notification ' + accepted.notificationId + '; its delivery report is below.'));
  });
  $('#failback').addEventListener('submit', (event) => {
    event.preventDefault();
    const whenIdle = document.querySelector('input[name="mode"]:checked').value === 'idle';
    confirmThen('Ask every agent who is not on the primary instance to sign in again there, '
      + (whenIdle ? 'each once off a call' : 'now, even during a call') + '?',
    () => act('#failback-result', 'failbacks', { whenIdle },
      (f) => 'Fail-back ' + f.failbackId + ' started: ' + f.targeted + ' agents on another instance, '
        + f.notified + ' told so far.'));
  });
  $('#shift').addEventListener('submit', (event) => {
    event.preventDefault();
    const region = $('#shift-region').value;
    const inWaves = document.querySelector('input[name="shift-mode"]:checked').value === 'waves';
    const pauseSeconds = Number($('#shift-pause').value);
    confirmThen('Shift the telephony, the sign-in and the agents to ' + region + ', '
      + (inWaves ? 'in 10 % waves every ' + pauseSeconds + ' s' : 'all at once')
      + '? Agents move without signing in again; an agent on a call moves when the call ends.',
    () => act('#shift-result', 'traffic-distribution/shifts', { region, inWaves, pauseSeconds },
      (s) => { trafficPolls = 0; return 'Shift ' + s.shiftId + ': ' + s.percentage + ' % sent to ' + s.targetRegion + '.'; }));
  });
}

async function start() {
  wireForms();
  try {
    const me = await call('me');
    const wanted = new URLSearchParams(location.search).get('company');
    company = { companyCode: wanted || me.companyCode, companyName: me.companyName };
    $('#who').textContent = me.username + ' · ' + me.companyName;
    $('#console').hidden = false;
    poll();
  } catch (error) {
    $('#who').textContent = '';
    refuse('You cannot use this console: ' + error.message);
  }
}

document.addEventListener('DOMContentLoaded', start);
