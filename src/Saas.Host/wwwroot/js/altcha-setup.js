// The ALTCHA widget's proof-of-work workers as files of this host (docs/adr/0036): the pages' CSP allows scripts and
// workers from 'self' only, so the widget's build without bundled workers is used and each algorithm is registered here.
const workers = '/lib/altcha/workers/';
for (const algorithm of ['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512']) {
  globalThis.$altcha.algorithms.set(algorithm, () => new Worker(workers + 'pbkdf2.js'));
}
for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
  globalThis.$altcha.algorithms.set(algorithm, () => new Worker(workers + 'sha.js'));
}
