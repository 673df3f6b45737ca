// Digital office hours (docs/adr/0039): one room, two browsers. Signalling goes through the host (POST to send,
// server-sent events to receive); picture, sound and the chat's data channel go peer to peer. Staff make the offer,
// the applicant answers; whoever joins says hello, and staff start a fresh session on the applicant's hello.
const root = document.getElementById('video-room');
if (root) {
  const signals = root.dataset.signals;
  const documents = root.dataset.documents;
  // The workbench's page checks its antiforgery token on POST; the applicant's API has none to check.
  const headers = (extra) => Object.assign(root.dataset.antiforgery ? { RequestVerificationToken: root.dataset.antiforgery } : {}, extra);
  const role = root.dataset.role;
  const iceServers = JSON.parse(root.dataset.ice || '[]');
  const text = (name) => root.dataset[name] || '';
  const status = document.getElementById('video-status');
  const localVideo = document.getElementById('local-video');
  const remoteVideo = document.getElementById('remote-video');
  const chatLog = document.getElementById('chat-log');
  const chatForm = document.getElementById('chat-form');
  const chatText = document.getElementById('chat-text');
  let local = null;
  let peer = null;
  let channel = null;
  let session = null;
  let pending = [];
  let outgoing = Promise.resolve();
  let incoming = Promise.resolve();

  const setState = (state, message) => {
    root.dataset.state = state;
    status.textContent = message;
  };

  // Sent one after another, so the other side reads them in the order they were made.
  const send = (kind, payload) => {
    outgoing = outgoing.then(() => fetch(signals, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ kind, payload: JSON.stringify(payload || {}) }),
    })).catch(() => setState('failed', text('failed')));
    return outgoing;
  };

  const say = (who, message) => {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = who + ': ';
    const body = document.createElement('bdi');
    body.textContent = message;
    item.append(name, body);
    chatLog.append(item);
  };

  const wire = (dataChannel) => {
    channel = dataChannel;
    channel.onopen = () => { chatForm.querySelector('button').disabled = false; };
    channel.onclose = () => { chatForm.querySelector('button').disabled = true; };
    channel.onmessage = (e) => {
      let message;
      try { message = JSON.parse(e.data); } catch { return; }
      if (message.type === 'chat' && typeof message.text === 'string') say(text('other'), message.text.slice(0, 2000));
      if (message.type === 'filed' && typeof message.name === 'string') say(text('other'), text('filedOther').replace('{name}', message.name));
    };
  };

  const newPeer = (id) => {
    if (peer) peer.close();
    session = id;
    pending = [];
    peer = new RTCPeerConnection({ iceServers });
    local.getTracks().forEach((track) => peer.addTrack(track, local));
    peer.ontrack = (e) => { remoteVideo.srcObject = e.streams[0]; };
    peer.onicecandidate = (e) => { if (e.candidate) send('candidate', { session: id, candidate: e.candidate.toJSON() }); };
    peer.onconnectionstatechange = () => {
      if (peer.connectionState === 'connected') setState('connected', text('connected'));
      if (peer.connectionState === 'failed') setState('failed', text('failed'));
      if (peer.connectionState === 'disconnected') setState('waiting', text('waiting'));
    };
    if (role === 'staff') wire(peer.createDataChannel('chat', { ordered: true }));
    else peer.ondatachannel = (e) => wire(e.channel);
  };

  const flush = async () => {
    for (const candidate of pending) await peer.addIceCandidate(candidate);
    pending = [];
  };

  const onSignal = async (signal) => {
    const payload = JSON.parse(signal.payload);
    switch (signal.kind) {
      case 'hello':
        if (role === 'staff') {
          newPeer(crypto.randomUUID());
          await peer.setLocalDescription(await peer.createOffer());
          await send('offer', { session, sdp: peer.localDescription.toJSON() });
        } else {
          await send('hello', {}); // staff joined after me: they learn that I am here
        }
        break;
      case 'offer':
        if (role !== 'applicant') return;
        newPeer(payload.session);
        await peer.setRemoteDescription(payload.sdp);
        await flush();
        await peer.setLocalDescription(await peer.createAnswer());
        await send('answer', { session, sdp: peer.localDescription.toJSON() });
        break;
      case 'answer':
        if (role !== 'staff' || payload.session !== session) return;
        await peer.setRemoteDescription(payload.sdp);
        await flush();
        break;
      case 'candidate':
        if (payload.session !== session || !peer) return;
        if (peer.remoteDescription) await peer.addIceCandidate(payload.candidate);
        else pending.push(payload.candidate);
        break;
      case 'bye':
        if (peer) peer.close();
        peer = null;
        session = null;
        remoteVideo.srcObject = null;
        setState('waiting', text('left'));
        break;
    }
  };

  const toggle = (button, kind) => {
    button.addEventListener('click', () => {
      const track = local && local.getTracks().find((t) => t.kind === kind);
      if (!track) return;
      track.enabled = !track.enabled;
      button.setAttribute('aria-pressed', String(!track.enabled));
    });
  };

  const start = async () => {
    try {
      local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch {
      setState('failed', text('noMedia'));
      return;
    }
    localVideo.srcObject = local;
    setState('waiting', text('waiting'));
    const events = new EventSource(signals, { withCredentials: true });
    let greeted = false;
    events.onopen = () => { if (!greeted) { greeted = true; send('hello', {}); } };
    // Handled one after another (a candidate waits for its offer), apart from the sending queue.
    events.addEventListener('signal', (e) => { incoming = incoming.then(() => onSignal(JSON.parse(e.data))).catch(() => setState('failed', text('failed'))); });
    events.addEventListener('closed', () => { events.close(); if (peer) peer.close(); setState('closed', text('closed')); });
    document.getElementById('video-hangup').addEventListener('click', async () => {
      await send('bye', {});
      events.close();
      if (peer) peer.close();
      local.getTracks().forEach((t) => t.stop());
      setState('ended', text('ended'));
    });
    window.addEventListener('pagehide', () => fetch(signals, {
      method: 'POST', credentials: 'same-origin', keepalive: true,
      headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ kind: 'bye', payload: '{}' }),
    }));
  };

  toggle(document.getElementById('video-camera'), 'video');
  toggle(document.getElementById('video-microphone'), 'audio');
  chatForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const message = chatText.value.trim();
    if (!message || !channel || channel.readyState !== 'open') return;
    channel.send(JSON.stringify({ type: 'chat', text: message }));
    say(text('me'), message);
    chatText.value = '';
  });

  const upload = document.getElementById('upload-form');
  if (upload) {
    upload.addEventListener('submit', async (e) => {
      e.preventDefault();
      const result = document.getElementById('upload-result');
      const file = document.getElementById('upload-file').files[0];
      const form = new FormData();
      if (file) form.append('file', file);
      const response = await fetch(documents, { method: 'POST', credentials: 'same-origin', body: form, headers: { 'Accept-Language': document.documentElement.lang } });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        result.textContent = text('filed').replace('{name}', body.fileName);
        root.dataset.filed = body.documentId;
        if (channel && channel.readyState === 'open') channel.send(JSON.stringify({ type: 'filed', name: body.fileName }));
      } else {
        result.textContent = body.title || text('failed');
      }
    });
  }

  start();
}
