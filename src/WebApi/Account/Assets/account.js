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

  // The form's fields as a JSON body: a field in a hidden part of the form is left out, and so is an optional one left empty.
  function values(form) {
    const body = {};
    for (const input of form.querySelectorAll('input[name]')) {
      if (input.closest('[hidden]') || (!input.required && input.value === '')) {
        continue;
      }
      body[input.name] = input.value;
    }
    return body;
  }

  // Wires a form to its endpoint: fields become the JSON body, problems land next to their fields. Options: done(result,
  // body); refused(result) returns true when it showed the refusal itself; extra() adds to the body; endpoint() names
  // the path when it is not fixed; authorized sends the access token; submit(body) replaces the single request.
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
        const send = options.authorized ? authorized : call;
        const endpoint = options.endpoint ? options.endpoint() : form.dataset.endpoint;
        const result = options.submit
          ? await options.submit(body)
          : await send(form.dataset.method || 'POST', endpoint, body, headers);
        if (result.ok) {
          options.done(result, body);
        } else if (!(options.refused && options.refused(result, formError))) {
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
      const signInForm = byId('sign-in-form');
      const mfaForm = byId('mfa-form');
      const signedIn = () => location.assign(`${base}/account`);
      let mfaToken = null;
      let methods = [];

      handle(signInForm, {
        done: (result) => (result.body && result.body.mfaRequired ? secondStep(result.body) : signedIn()),
        refused: (result, error) => {
          if (result.problem && result.problem.code === 'email_not_verified') {
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

      // The password was right and the account has a second factor: the same page asks for it, with the mfaToken.
      function secondStep(challenge) {
        mfaToken = challenge.mfaToken;
        methods = challenge.methods || [];
        signInForm.hidden = true;
        byId('passkey-sign-in').hidden = true;
        byId('mfa-use-passkey').hidden = !(methods.includes('passkey') && passkeysSupported());
        useRecoveryCode(!methods.includes('totp'));
        mfaForm.hidden = false;
        byId(methods.includes('totp') ? 'mfa-code' : 'mfa-recovery').focus();
      }

      function useRecoveryCode(on) {
        const hasTotp = methods.includes('totp');
        byId('mfa-code-field').hidden = on;
        byId('mfa-recovery-field').hidden = !on;
        byId('mfa-use-recovery').hidden = on || !methods.includes('recovery_code');
        byId('mfa-use-code').hidden = !on || !hasTotp;
        byId('mfa-hint').textContent = on
          ? 'Your password was right. Enter one of the recovery codes you saved; each works once.'
          : 'Your password was right. Enter the 6-digit code your authenticator app shows now.';
        clearErrors(mfaForm, byId('mfa-form-error'));
      }

      function backToPassword(message) {
        mfaToken = null;
        mfaForm.hidden = true;
        mfaForm.reset();
        signInForm.hidden = false;
        byId('passkey-sign-in').hidden = !passkeysSupported();
        byId('password').value = '';
        byId('form-error').textContent = message;
        byId('form-error').focus();
      }

      byId('mfa-use-recovery').addEventListener('click', () => {
        useRecoveryCode(true);
        byId('mfa-recovery').focus();
      });
      byId('mfa-use-code').addEventListener('click', () => {
        useRecoveryCode(false);
        byId('mfa-code').focus();
      });
      handle(mfaForm, {
        extra: () => ({ mfaToken }),
        done: signedIn,
        refused: (result) => {
          // Expired or used: the login starts again, as the server says.
          if (result.problem && result.problem.code === 'invalid_mfa_token') {
            backToPassword(result.problem.title);
            return true;
          }
          return false;
        },
      });
      byId('mfa-use-passkey').addEventListener('click', (event) => passkeySignIn(event.currentTarget, byId('mfa-form-error'),
        (challengeId, credential) => call('POST', '/api/auth/login/mfa', { mfaToken, passkey: { challengeId, credential } }, refreshTransport)));

      const passkeyButton = byId('passkey-sign-in-button');
      if (!passkeysSupported()) {
        byId('passkey-sign-in').hidden = true;
      }
      passkeyButton.addEventListener('click', () => passkeySignIn(passkeyButton, byId('passkey-error'),
        (challengeId, credential) => call('POST', '/api/auth/passkey', { challengeId, credential }, refreshTransport)));

      // A passkey ceremony: options from the API, the browser asks the authenticator, the answer goes to finish().
      async function passkeySignIn(button, error, finish) {
        error.tabIndex = -1;
        error.textContent = '';
        button.disabled = true;
        try {
          const start = await call('POST', '/api/auth/passkey/options', {});
          if (!start.ok) {
            error.textContent = describe(start);
            error.focus();
            return;
          }
          let credential;
          try {
            credential = await getPasskey(start.body.options);
          } catch (refusal) {
            error.textContent = passkeyRefusal(refusal);
            error.focus();
            return;
          }
          const result = await finish(start.body.challengeId, credential);
          if (result.ok) {
            signedIn();
          } else if (result.problem && result.problem.code === 'invalid_mfa_token') {
            backToPassword(result.problem.title);
          } else {
            error.textContent = describe(result);
            error.focus();
          }
        } finally {
          button.disabled = false;
        }
      }
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
      await Promise.all([showSessions(), showSecondFactors()]);
      byId('loading').hidden = true;
      byId('signed-in').hidden = false;
      wireSecondFactors();

      byId('end-others').addEventListener('click', async () => {
        const result = await authorized('POST', '/api/auth/logout', { scope: 'others' }, refreshTransport);
        byId('sessions-status').textContent = result.ok ? 'Every other session has ended.' : describe(result);
        await showSessions();
      });
      byId('sign-out').addEventListener('click', signOut);
    },
  };

  async function signOut() {
    const result = await authorized('POST', '/api/auth/logout', { scope: 'current' }, refreshTransport);
    accessToken = null;
    if (result.ok) {
      location.assign(`${base}/account/sign-in?signed-out`);
    } else {
      byId('page-error').textContent = describe(result);
    }
  }

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

  // ---- Second factors on the account page (ADR 0010) ------------------------------------------------------------

  async function showSecondFactors() {
    const result = await authorized('GET', '/api/account/mfa');
    if (!result.ok) {
      byId('mfa-error').textContent = describe(result);
      return;
    }
    const { enabled, factors, recoveryCodesRemaining } = result.body;
    const totp = factors.find((factor) => factor.type === 'totp' && factor.confirmed);
    const keys = factors.filter((factor) => factor.type === 'passkey');
    const codes = recoveryCodesRemaining === 1 ? '1 unused recovery code' : `${recoveryCodesRemaining} unused recovery codes`;
    byId('mfa-summary').textContent = enabled
      ? `Signing in with your password also asks for your authenticator app or a passkey. You have ${codes}.`
      : 'Add an authenticator app or a passkey, so that a stolen password is not enough to sign in.';
    byId('totp-state').textContent = totp ? `On since ${formatTime(totp.createdAt)}.` : 'Not set up.';
    byId('totp-start').hidden = Boolean(totp) || !byId('totp-enrol').hidden;
    byId('totp-remove').hidden = !totp;
    byId('recovery-regenerate').hidden = !enabled;

    const list = byId('passkeys-list');
    list.replaceChildren();
    for (const key of keys) {
      const item = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = key.name;
      const when = document.createElement('span');
      when.className = 'hint';
      when.textContent = ` added ${formatTime(key.createdAt)}${key.lastUsedAt ? `, last used ${formatTime(key.lastUsedAt)}` : ', not used yet'} `;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove passkey ${key.name}`);
      remove.addEventListener('click', () => askToRemovePasskey(key.name));
      item.append(name, when, remove);
      list.append(item);
    }
    list.hidden = keys.length === 0;
    byId('passkeys-empty').hidden = keys.length > 0;
    if (!passkeysSupported()) {
      byId('passkey-add-form').hidden = true;
      byId('passkeys-empty').textContent = 'This browser cannot create passkeys.';
    }
  }

  let passkeyToRemove = null;

  function askToRemovePasskey(name) {
    passkeyToRemove = name;
    const form = byId('passkey-remove-form');
    form.reset();
    clearErrors(form, form.querySelector('.form-error'));
    byId('passkey-remove-title').textContent = `Confirm with your password to remove the passkey "${name}".`;
    form.hidden = false;
    byId('passkey-remove-password').focus();
  }

  function wireSecondFactors() {
    const status = byId('mfa-status');
    const say = async (message) => {
      status.textContent = message;
      await Promise.all([showSecondFactors(), showSessions()]);
    };

    byId('totp-start').addEventListener('click', async (event) => {
      const button = event.currentTarget;
      const error = byId('mfa-error');
      error.tabIndex = -1;
      error.textContent = '';
      button.disabled = true;
      try {
        const result = await authorized('POST', '/api/account/mfa/totp', {});
        if (!result.ok) {
          if (!stepUpNeeded(result, error)) {
            error.textContent = describe(result);
            error.focus();
          }
          return;
        }
        byId('totp-qr').src = result.body.qrCode;
        // In groups of four, as authenticator apps show keys; they ignore the spaces when it is typed in.
        byId('totp-secret').textContent = result.body.secret.match(/.{1,4}/g).join(' ');
        button.hidden = true;
        byId('totp-enrol').hidden = false;
        byId('totp-code').focus();
      } finally {
        button.disabled = false;
      }
    });

    handle(byId('totp-confirm-form'), {
      authorized: true,
      refused: stepUpNeeded,
      done: async (result) => {
        byId('totp-enrol').hidden = true;
        byId('totp-qr').removeAttribute('src');
        byId('totp-secret').textContent = '';
        byId('totp-confirm-form').reset();
        showRecoveryCodes(result.body.recoveryCodes);
        await say('The authenticator app is on. Signing in now asks for a code from it.');
        byId('recovery-codes').focus();
      },
    });

    handle(byId('totp-remove-form'), {
      authorized: true,
      refused: stepUpNeeded,
      done: async () => {
        byId('totp-remove-form').reset();
        byId('totp-remove').open = false;
        await say('The authenticator app has been removed.');
        byId('mfa-title').focus();
      },
    });

    handle(byId('recovery-regenerate-form'), {
      authorized: true,
      refused: stepUpNeeded,
      done: async (result) => {
        byId('recovery-regenerate-form').reset();
        byId('recovery-regenerate').open = false;
        showRecoveryCodes(result.body.recoveryCodes);
        await say('New recovery codes are ready; the old ones no longer work.');
        byId('recovery-codes').focus();
      },
    });

    byId('recovery-codes-done').addEventListener('click', () => {
      byId('recovery-codes-list').replaceChildren();
      byId('recovery-codes').hidden = true;
      byId('mfa-title').focus();
    });

    handle(byId('passkey-add-form'), {
      refused: stepUpNeeded,
      submit: async (body) => {
        // Checked before the ceremony, so that the authenticator is not left with a passkey the service refused.
        if (!body.name || !body.name.trim()) {
          return { ok: false, status: 400, problem: { errors: { name: ['Give the passkey a name.'] } } };
        }
        const start = await authorized('POST', '/api/account/mfa/passkeys/options', {});
        if (!start.ok) {
          return start;
        }
        let credential;
        try {
          credential = await createPasskey(start.body.options);
        } catch (refusal) {
          return { ok: false, status: 0, problem: { title: passkeyRefusal(refusal) } };
        }
        return authorized('POST', '/api/account/mfa/passkeys', { challengeId: start.body.challengeId, name: body.name, credential });
      },
      done: async (result) => {
        byId('passkey-add-form').reset();
        if (result.body.recoveryCodes) {
          showRecoveryCodes(result.body.recoveryCodes);
        }
        await say(`The passkey "${result.body.name}" has been added.`);
        (result.body.recoveryCodes ? byId('recovery-codes') : byId('mfa-title')).focus();
      },
    });

    const removeForm = byId('passkey-remove-form');
    handle(removeForm, {
      authorized: true,
      endpoint: () => `/api/account/mfa/passkeys/${encodeURIComponent(passkeyToRemove)}`,
      refused: stepUpNeeded,
      done: async () => {
        removeForm.hidden = true;
        await say(`The passkey "${passkeyToRemove}" has been removed.`);
        byId('mfa-title').focus();
      },
    });
    byId('passkey-remove-cancel').addEventListener('click', () => {
      removeForm.hidden = true;
      byId('mfa-title').focus();
    });
  }

  // Shown once: the codes live only in this page's DOM until "I have saved them" or the page is left.
  function showRecoveryCodes(codes) {
    const list = byId('recovery-codes-list');
    list.replaceChildren(...codes.map((code) => {
      const item = document.createElement('li');
      item.textContent = code;
      return item;
    }));
    byId('recovery-codes').hidden = false;
  }

  // 403 mfa_required: the change needs a session that signed in with a second factor (step-up, ADR 0010).
  function stepUpNeeded(result, error) {
    if (!result.problem || result.problem.code !== 'mfa_required') {
      return false;
    }
    error.textContent = 'This change needs a sign-in with your authenticator app or a passkey. ';
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'secondary';
    again.textContent = 'Sign in again';
    again.addEventListener('click', signOut);
    error.append(again);
    error.focus();
    return true;
  }

  // ---- Passkeys (WebAuthn) ----------------------------------------------------------------------------------------
  // The API sends the options as the specification's JSON (binary values base64url-encoded) and takes the credential
  // back the same way; the browser API wants and gives ArrayBuffers.

  function passkeysSupported() {
    return typeof window.PublicKeyCredential === 'function' && Boolean(navigator.credentials);
  }

  function fromBase64Url(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    return Uint8Array.from(binary, (character) => character.charCodeAt(0));
  }

  function toBase64Url(buffer) {
    let binary = '';
    for (const byte of new Uint8Array(buffer)) {
      binary += String.fromCharCode(byte);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // Options as the browser takes them: nulls dropped (the dictionaries refuse some), ids and challenge as bytes.
  function publicKeyOptions(options) {
    const publicKey = JSON.parse(JSON.stringify(options), (_, value) => (value === null ? undefined : value));
    publicKey.challenge = fromBase64Url(publicKey.challenge);
    for (const list of ['excludeCredentials', 'allowCredentials']) {
      if (publicKey[list]) {
        publicKey[list] = publicKey[list].map((descriptor) => ({ ...descriptor, id: fromBase64Url(descriptor.id) }));
      }
    }
    if (publicKey.user) {
      publicKey.user.id = fromBase64Url(publicKey.user.id);
    }
    return publicKey;
  }

  async function createPasskey(options) {
    const credential = await navigator.credentials.create({ publicKey: publicKeyOptions(options) });
    const response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toBase64Url(response.attestationObject),
        clientDataJSON: toBase64Url(response.clientDataJSON),
        transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
      },
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  async function getPasskey(options) {
    const credential = await navigator.credentials.get({ publicKey: publicKeyOptions(options) });
    const response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: toBase64Url(response.authenticatorData),
        clientDataJSON: toBase64Url(response.clientDataJSON),
        signature: toBase64Url(response.signature),
        userHandle: response.userHandle ? toBase64Url(response.userHandle) : null,
      },
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  // What the browser's refusal means to a person (the user cancelled, or this device already holds a passkey here).
  function passkeyRefusal(error) {
    if (error && error.name === 'InvalidStateError') {
      return 'This device already holds a passkey for your account.';
    }
    if (error && error.name === 'NotAllowedError') {
      return 'The passkey request was cancelled or timed out. Try again.';
    }
    return 'This browser could not use a passkey here.';
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
