// The AWS sandbox: a wire-compatible, multi-account AWS for the bot's tests and demo.

export { SandboxControlClient } from './control-client.js';
export { DEFAULT_FIXTURE_PATH, FixtureError, loadFixture, parseFixture } from './fixture.js';
export { type RunningSandbox, type SandboxOptions, startSandbox } from './server.js';
