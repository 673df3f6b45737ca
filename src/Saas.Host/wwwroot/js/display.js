// The call display of a waiting zone (docs/adr/0037): follows the zone's server-sent events with the device's token
// (fetch, because EventSource cannot send one), shows each call large with a gong, keeps the calls before it, and
// reconnects after a lost connection.
import { deviceFetch, deviceToken } from './device.js';

const display = document.getElementById('display');
const tokenEndpoint = display.dataset.token;
const status = document.getElementById('display-status');
const number = document.getElementById('current-number');
const counter = document.getElementById('current-counter');
const recent = document.getElementById('recent');
const connectedText = display.dataset.connected;
const lostText = display.dataset.lost;
const shown = [];
let audio = null;

function gong() {
  try {
    audio = audio || new AudioContext();
    const now = audio.currentTime;
    for (const [frequency, start] of [[660, 0], [523, 0.45]]) {
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, now + start);
      volume.gain.exponentialRampToValueAtTime(0.4, now + start + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, now + start + 1.2);
      tone.connect(volume).connect(audio.destination);
      tone.start(now + start);
      tone.stop(now + start + 1.3);
    }
  } catch {
    // No audio on this device: the display still shows the call.
  }
}

function render() {
  const [latest, ...before] = shown;
  number.textContent = latest ? latest.number : '–';
  counter.textContent = latest ? latest.counterName : '';
  recent.replaceChildren(...before.map((call) => {
    const row = document.createElement('tr');
    const cells = [call.number, call.counterName].map((text, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) cell.scope = 'row';
      cell.textContent = text;
      return cell;
    });
    row.append(...cells);
    return row;
  }));
}

function onCall(call, sound) {
  const index = shown.findIndex((c) => c.number === call.number);
  if (index >= 0 && shown[index].calledAt === call.calledAt) {
    return;
  }
  if (index >= 0) shown.splice(index, 1);
  shown.unshift(call);
  shown.length = Math.min(shown.length, 8);
  render();
  display.classList.remove('saas-display--called');
  void display.offsetWidth;
  display.classList.add('saas-display--called');
  display.dataset.lastCall = call.number + '@' + call.counterName;
  if (sound) gong();
}

async function follow() {
  const response = await deviceFetch(tokenEndpoint, display.dataset.events, { headers: { Accept: 'text/event-stream' } });
  if (!response.ok || !response.body) {
    throw new Error('stream refused: ' + response.status);
  }
  status.textContent = connectedText;
  display.dataset.state = 'connected';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(message)?.[1];
      const data = /^data: (.*)$/m.exec(message)?.[1];
      if (event === 'snapshot' && data) {
        shown.length = 0;
        shown.push(...JSON.parse(data).recent);
        render();
      } else if (event === 'call' && data) {
        onCall(JSON.parse(data), true);
      }
    }
  }
}

async function run() {
  await deviceToken(tokenEndpoint);
  for (;;) {
    try {
      await follow();
    } catch {
      // reconnect below
    }
    status.textContent = lostText;
    display.dataset.state = 'lost';
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

document.getElementById('display-sound').addEventListener('click', gong);
run();
