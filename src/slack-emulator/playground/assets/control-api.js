// The emulator's control API (/_emulator/…), same origin: read the workspace, act as a user, reach the sandbox.

export class ControlApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export class ControlApi {
  #queue = Promise.resolve();

  get(path) {
    return request('GET', path);
  }

  /** A call that is not an action of the person (a search, a sandbox call): sent at once. */
  call(method, path, body) {
    return request(method, path, body);
  }

  /** What a person does, one after another in the order they did it, as Slack's client sends them. */
  act(path, body) {
    const run = () => request('POST', path, body);
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => {});
    return result;
  }
}

async function request(method, path, body) {
  const response = await fetch(`/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ControlApiError(
      payload.error ?? `${method} /_emulator/${path}: HTTP ${response.status}`,
      response.status,
    );
  }
  return payload;
}
