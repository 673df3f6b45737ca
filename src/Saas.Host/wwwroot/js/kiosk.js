// The check-in kiosk (docs/adr/0037): a scanned or typed booking code checks the person in; a service button draws a
// ticket without an appointment. The number is shown large until the person taps "done" or the kiosk resets itself.
import { deviceFetch, deviceToken } from './device.js';

const kiosk = document.getElementById('kiosk');
const api = kiosk.dataset.api;
const tokenEndpoint = kiosk.dataset.token;
const ready = document.getElementById('kiosk-ready');
const ticket = document.getElementById('kiosk-ticket');
const error = document.getElementById('kiosk-error');
const errorText = document.getElementById('kiosk-error-text');
const code = document.getElementById('code');
let reset = null;

function showError(text) {
  errorText.textContent = text;
  error.hidden = false;
}

function home() {
  clearTimeout(reset);
  ticket.hidden = true;
  ready.hidden = false;
  code.value = '';
  code.focus();
}

function showTicket(view) {
  error.hidden = true;
  document.getElementById('ticket-number').textContent = view.number;
  document.getElementById('ticket-where').textContent = kiosk.dataset.waitIn.replace('{zone}', view.zoneName);
  ready.hidden = true;
  ticket.hidden = false;
  document.getElementById('ticket-title').focus();
  reset = setTimeout(home, Number(kiosk.dataset.resetSeconds) * 1000);
}

async function send(path, body) {
  try {
    const response = await deviceFetch(tokenEndpoint, api + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (response.ok && json) {
      showTicket(json);
    } else {
      showError(json && json.title ? json.title : kiosk.dataset.failed);
      code.select();
    }
  } catch {
    showError(kiosk.dataset.failed);
  }
}

document.getElementById('check-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  send('/kiosk/check-in', { code: code.value });
});
for (const button of document.querySelectorAll('[data-service]')) {
  button.addEventListener('click', () => send('/kiosk/tickets', { service: button.dataset.service }));
}
document.getElementById('kiosk-next').addEventListener('click', home);

// Sign in first, so that the installer sets the device up before the first person comes.
deviceToken(tokenEndpoint).then(() => kiosk.classList.add('saas-device--ready')).then(home);
