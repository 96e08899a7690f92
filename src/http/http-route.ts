// A route served beside Bolt's /slack/events (Bolt's customRoutes in HTTP mode, our own server in Socket Mode).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRoute {
  path: string;
  method: 'GET' | 'POST';
  handler: (request: IncomingMessage, response: ServerResponse) => void;
}
