// AuthFlow account pages: a small client of the JSON API, as a third-party front end would be.
// The access token lives only in this script's memory; the refresh token lives in an HttpOnly cookie that
// this script cannot read (AuthFlow-Refresh-Transport: cookie, ADR 0012). No inline script: CSP allows only this file.
'use strict';

(function () {
  const base = document.body.dataset.base || '';
  const refreshTransport = { 'AuthFlow-Refresh-Transport': 'cookie' };
  let accessToken = null;

  // ---- HTTP -----------------------------------------------------------------------------------------------

  async function call(method, path, body, headers) {
    const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(base + path, init);
    } catch {
      return { ok: false, status: 0, problem: { title: 'The server could not be reached. Check your connection and try again.' } };
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return {
      ok: response.ok,
      status: response.status,
      body: response.ok ? json : null,
      problem: response.ok ? null : (json || { title: `The server answered ${response.status}.` }),
      retryAfter: Number.parseInt(response.headers.get('Retry-After') || '', 10),
    };
  }

  // Calls a protected route with the in-memory access token; on 401 renews it once through the cookie and retries.
  async function authorized(method, path, body, headers) {
    const send = () => call(method, path, body, { ...headers, Authorization: `Bearer ${accessToken}` });
    let result = await send();
    if (result.status === 401 && await renewAccessToken()) {
      result = await send();
    }
    if (result.status === 401) {
      location.replace(`${base}/account/sign-in`);
    }
    return result;
  }

  async function renewAccessToken() {
    const result = await call('POST', '/api/auth/refresh', {}, refreshTransport);
    accessToken = result.ok ? result.body.accessToken : null;
    return result.ok;
  }

  // ---- Showing answers --------------------------------------------------------------------------------------

  // What a refused request means to a person: the server's own words, and a wait in seconds when it gave one.
  function describe(result) {
    const problem = result.problem || {};
    if (result.status === 429 || result.status === 503) {
      const seconds = Number.isFinite(result.retryAfter) ? result.retryAfter : 1;
      const unit = seconds === 1 ? 'second' : 'seconds';
      const what = result.status === 503 ? 'The service is busy.' : 'Too many attempts.';
      return `${what} Try again in ${seconds} ${unit}.`;
    }
    return problem.title || 'Something went wrong. Try again.';
  }

  function clearErrors(form, formError) {
    for (const element of form.querySelectorAll('.field-error')) {
      element.textContent = '';
    }
    for (const input of form.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
    }
    formError.textContent = '';
  }

  // Each field error goes next to the field it names (errors.password under the password); the rest above the button.
  function showProblem(form, formError, result) {
    const errors = (result.problem && result.problem.errors) || {};
    const general = [];
    let first = null;
    for (const [field, messages] of Object.entries(errors)) {
      const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
      const slot = input && form.querySelector(`#${CSS.escape(input.id)}-error`);
      if (slot) {
        slot.textContent = messages.join(' ');
        input.setAttribute('aria-invalid', 'true');
        first = first || input;
      } else {
        general.push(...messages);
      }
    }
    if (first === null || general.length > 0) {
      formError.textContent = general.length > 0 ? general.join(' ') : describe(result);
    }
    (first || formError).focus?.();
  }

  function show(element) {
    element.hidden = false;
    element.focus();
  }

  function values(form) {
    const body = {};
    for (const input of form.querySelectorAll('input[name]')) {
      body[input.name] = input.value;
    }
    return body;
  }

  // Wires a form to its endpoint: fields become the JSON body, problems land next to their fields.
  function handle(form, options) {
    const formError = options.error || form.querySelector('.form-error');
    formError.tabIndex = -1;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      clearErrors(form, formError);
      button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const body = { ...values(form), ...(options.extra ? options.extra() : {}) };
        const headers = form.dataset.cookie === 'true' ? refreshTransport : {};
        const result = await call('POST', form.dataset.endpoint, body, headers);
        if (result.ok) {
          options.done(result, body);
        } else if (!(options.refused && options.refused(result))) {
          showProblem(form, formError, result);
        }
      } finally {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
  }

  const byId = (id) => document.getElementById(id);
  const token = () => new URLSearchParams(location.search).get('token') || '';

  // ---- Pages --------------------------------------------------------------------------------------------------

  const pages = {
    'sign-in'() {
      if (new URLSearchParams(location.search).has('signed-out')) {
        byId('signed-out').hidden = false;
      }
      handle(byId('sign-in-form'), {
        done: () => location.assign(`${base}/account`),
        refused: (result) => {
          if (result.problem && result.problem.code === 'email_not_verified') {
            const error = byId('form-error');
            error.textContent = `${result.problem.title} `;
            const link = document.createElement('a');
            link.href = `${base}/account/verify-email`;
            link.textContent = 'Send a new verification link';
            error.append(link);
            error.focus();
            return true;
          }
          return false;
        },
      });
    },

    register() {
      const form = byId('register-form');
      handle(form, {
        done: (result) => {
          byId('done-email').textContent = result.body.user.email;
          form.hidden = true;
          show(byId('done'));
        },
      });
    },

    'forgot-password'() {
      const form = byId('forgot-form');
      handle(form, {
        done: (result) => {
          byId('done-message').textContent = result.body.message;
          form.hidden = true;
          show(byId('done'));
        },
      });
    },

    'reset-password'() {
      const form = byId('reset-form');
      wireNewLinkForm();
      if (!token()) {
        show(byId('expired'));
        return;
      }
      form.hidden = false;
      handle(form, {
        extra: () => ({ token: token() }),
        done: () => {
          form.hidden = true;
          show(byId('done'));
        },
        refused: (result) => expiredLink(result, 'invalid_reset_token', form),
      });
    },

    'verify-email'() {
      const form = byId('verify-form');
      wireNewLinkForm();
      if (!token()) {
        byId('expired-title').textContent = 'Ask for a new verification link';
        show(byId('expired'));
        return;
      }
      // Verified on a button press, never on load: a mail scanner that follows the link does not use it up.
      form.hidden = false;
      handle(form, {
        extra: () => ({ token: token() }),
        done: () => {
          form.hidden = true;
          show(byId('done'));
        },
        refused: (result) => expiredLink(result, 'invalid_verification_token', form),
      });
    },

    async account() {
      if (!await renewAccessToken()) {
        location.replace(`${base}/account/sign-in`);
        return;
      }
      const profile = await authorized('GET', '/api/profile');
      if (!profile.ok) {
        byId('page-error').textContent = describe(profile);
        byId('loading').hidden = true;
        return;
      }
      showProfile(profile.body.user);
      await showSessions();
      byId('loading').hidden = true;
      byId('signed-in').hidden = false;

      byId('end-others').addEventListener('click', async () => {
        const result = await authorized('POST', '/api/auth/logout', { scope: 'others' }, refreshTransport);
        byId('sessions-status').textContent = result.ok ? 'Every other session has ended.' : describe(result);
        await showSessions();
      });
      byId('sign-out').addEventListener('click', async () => {
        const result = await authorized('POST', '/api/auth/logout', { scope: 'current' }, refreshTransport);
        accessToken = null;
        if (result.ok) {
          location.assign(`${base}/account/sign-in?signed-out`);
        } else {
          byId('page-error').textContent = describe(result);
        }
      });
    },
  };

  function expiredLink(result, code, form) {
    if (!result.problem || result.problem.code !== code) {
      return false;
    }
    form.hidden = true;
    show(byId('expired'));
    return true;
  }

  function wireNewLinkForm() {
    const form = byId('new-link-form');
    handle(form, {
      error: byId('new-link-error'),
      done: (result) => {
        form.hidden = true;
        const sent = byId('new-link-sent');
        sent.textContent = result.body.message;
        sent.hidden = false;
      },
    });
  }

  // ---- The account page -----------------------------------------------------------------------------------------

  function showProfile(user) {
    byId('profile-username').textContent = user.username;
    byId('profile-email').textContent = user.email;
    byId('profile-verified').textContent = user.emailVerified ? 'verified' : 'not verified';
    byId('profile-verified').classList.toggle('unverified', !user.emailVerified);
    byId('profile-created').textContent = formatTime(user.createdAt);
  }

  async function showSessions() {
    const result = await authorized('GET', '/api/auth/sessions');
    const body = byId('sessions-body');
    body.replaceChildren();
    if (!result.ok) {
      byId('sessions-status').textContent = describe(result);
      return;
    }
    for (const session of result.body.sessions) {
      const row = document.createElement('tr');
      const device = describeDevice(session.userAgent);
      row.append(
        cell(session.current ? `${device} (this device)` : device, session.userAgent || ''),
        cell(session.ipAddress || 'unknown'),
        cell(formatTime(session.lastUsedAt)),
        cell(formatTime(session.createdAt)));
      const action = document.createElement('td');
      if (!session.current) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        button.textContent = 'End session';
        // The accessible name starts with the visible text (WCAG 2.5.3), then says which session.
        button.setAttribute('aria-label', `End session on ${device}, last used ${formatTime(session.lastUsedAt)}`);
        button.addEventListener('click', async () => {
          const ended = await authorized('DELETE', `/api/auth/sessions/${encodeURIComponent(session.id)}`);
          byId('sessions-status').textContent = ended.ok ? `The session on ${device} has ended.` : describe(ended);
          await showSessions();
          byId('sessions-title').focus?.();
        });
        action.append(button);
      }
      row.append(action);
      body.append(row);
    }
    byId('end-others').hidden = result.body.sessions.length < 2;
  }

  function cell(text, title) {
    const td = document.createElement('td');
    td.textContent = text;
    if (title) {
      td.title = title;
    }
    return td;
  }

  function describeDevice(userAgent) {
    if (!userAgent) {
      return 'Unknown device';
    }
    const browser = [['Edg/', 'Edge'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']]
      .find(([marker]) => userAgent.includes(marker));
    const system = [['Android', 'Android'], ['iPhone', 'iPhone'], ['iPad', 'iPad'], ['Windows', 'Windows'], ['Mac OS X', 'macOS'], ['Linux', 'Linux']]
      .find(([marker]) => userAgent.includes(marker));
    if (browser && system) {
      return `${browser[1]} on ${system[1]}`;
    }
    return userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent;
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  const page = pages[document.body.dataset.page];
  if (page) {
    page();
  }
})();
