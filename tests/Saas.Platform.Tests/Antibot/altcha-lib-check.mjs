// The independent side of AltchaTests (docs/adr/0036): ALTCHA's own server library, altcha-lib, reads a request as
// JSON from stdin and answers as JSON on stdout.
//   {"do":"solve-and-verify", challenge, signatureSecret, keySecret}: solves the platform's challenge as the widget
//     does and verifies the solution with altcha-lib; answers the widget's payload and altcha-lib's verdict.
//   {"do":"create-and-solve", signatureSecret, keySecret, deterministic, cost}: altcha-lib makes and signs a challenge
//     with the authority's secrets and solves it; answers the payload for the platform to verify.
import { createChallenge, solveChallenge, verifySolution, randomInt } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const payloadOf = (challenge, solution) =>
  Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');

if (request.do === 'solve-and-verify') {
  const solution = await solveChallenge({ challenge: request.challenge, deriveKey, timeout: 60_000 });
  const verdict = await verifySolution({
    challenge: request.challenge, solution, deriveKey,
    hmacSignatureSecret: request.signatureSecret, hmacKeySignatureSecret: request.keySecret,
  });
  process.stdout.write(JSON.stringify({ payload: payloadOf(request.challenge, solution), verified: verdict.verified }));
} else if (request.do === 'create-and-solve') {
  const challenge = await createChallenge({
    algorithm: 'PBKDF2/SHA-256', cost: request.cost, deriveKey,
    counter: request.deterministic ? randomInt(50, 10) : undefined,
    expiresAt: new Date(Date.now() + 600_000),
    hmacSignatureSecret: request.signatureSecret,
    hmacKeySignatureSecret: request.deterministic ? request.keySecret : undefined,
  });
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  process.stdout.write(JSON.stringify({ payload: payloadOf(challenge, solution) }));
} else {
  throw new Error('unknown request ' + request.do);
}
