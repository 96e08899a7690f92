// Runs the sandbox in its own process for benchmarks, so the load generator does not share its event loop.
// Prints one JSON line `{ "url": … }` once listening; exits on SIGTERM.
import { startSandbox } from '../../src/sandbox/server.js';

const sandbox = await startSandbox({ port: 0, timeScale: 0, throttling: false });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, pid: process.pid })}\n`);
const stop = () => {
  sandbox.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
