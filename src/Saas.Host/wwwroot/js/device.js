// A kiosk's or display's sign-in (docs/adr/0037): the authority's device client, OAuth 2.0 client credentials. The
// client id and secret are set once on the device (the setup form) and kept in this browser profile only; the access
// token is asked for again shortly before it expires, or when the API refuses it.
const storageKey = 'saas.device.' + location.pathname.split('/geraete/')[0];

function stored() {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) || 'null');
    return value && value.client && value.secret ? value : null;
  } catch {
    return null;
  }
}

let cached = null;

async function requestToken(endpoint, credentials) {
  // credentials 'omit': a refused secret answers 401 with a Basic challenge, and a same-origin fetch that sends
  // credentials would let the browser open its sign-in prompt (a kiosk would hang there) instead of returning it.
  const response = await fetch(endpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.client, client_secret: credentials.secret, scope: 'saas-api' }),
  });
  if (!response.ok) {
    return null;
  }
  const json = await response.json();
  return { value: json.access_token, until: Date.now() + Math.max(30, (json.expires_in || 300) - 30) * 1000 };
}

/** The device's access token; shows the setup form (and waits for it) while the device has no working credentials. */
export async function deviceToken(endpoint, fresh = false) {
  if (!fresh && cached && cached.until > Date.now()) {
    return cached.value;
  }
  for (;;) {
    const credentials = stored();
    if (credentials) {
      cached = await requestToken(endpoint, credentials);
      if (cached) {
        return cached.value;
      }
    }
    await setup(endpoint, credentials !== null);
  }
}

function setup(endpoint, refused) {
  const section = document.getElementById('device-setup');
  const form = document.getElementById('device-setup-form');
  const error = document.getElementById('device-setup-error');
  section.hidden = false;
  error.hidden = !refused;
  form.elements.client.focus();
  return new Promise((resolve) => {
    const submit = async (event) => {
      event.preventDefault();
      const credentials = { client: form.elements.client.value.trim(), secret: form.elements.secret.value };
      if (await requestToken(endpoint, credentials)) {
        localStorage.setItem(storageKey, JSON.stringify(credentials));
        form.removeEventListener('submit', submit);
        form.reset();
        section.hidden = true;
        resolve();
      } else {
        error.hidden = false;
      }
    };
    form.addEventListener('submit', submit);
  });
}

/** A call to the API with the device's token (asked for again once when refused), in the page's language. */
export async function deviceFetch(endpoint, url, options = {}) {
  const send = async (fresh) => fetch(url, {
    ...options,
    headers: { ...(options.headers || {}), Authorization: 'Bearer ' + await deviceToken(endpoint, fresh), 'Accept-Language': document.documentElement.lang },
  });
  let response = await send(false);
  if (response.status === 401) {
    cached = null;
    response = await send(true);
  }
  return response;
}
