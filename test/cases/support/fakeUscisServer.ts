/**
 * A local stand-in for the USCIS Case Status API, speaking the contract in
 * /work/shared/design/case-status-api.md: `POST /oauth/accesstoken` (form body, client
 * credentials) and `GET /case-status/{receiptNumber}` with a bearer token. Tests script special
 * answers per receipt number; everything else behaves like the sandbox.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret-do-not-log';

/** One scripted answer: a status with a JSON (object) or raw (string) body, or no answer at all. */
export type ScriptedAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The contract's own example answer. */
export function approvedCaseAnswer(receiptNumber = 'EAC9999103402'): unknown {
  return {
    case_status: {
      receiptNumber,
      formType: 'I-130',
      submittedDate: '09-05-2023 14:28:46',
      modifiedDate: '09-05-2023 14:28:46',
      current_case_status_text_en: 'Case Was Approved',
      current_case_status_desc_en: `On September 5, 2023, we approved your Form I-130, Petition for Alien Relative, Receipt Number ${receiptNumber}.`,
      current_case_status_text_es: 'Caso Fue Aprobado',
      current_case_status_desc_es: `El 5 de septiembre de 2023, aprobamos su Formulario I-130, Petición de Familiar Extranjero, Número de Recibo ${receiptNumber}.`,
      hist_case_status: [
        {
          date: '2023-09-05',
          completed_text_en: 'We approved your Form I-130, Petition for Alien Relative.',
          completed_text_es: 'Aprobamos su Formulario I-130.',
        },
      ],
    },
    message: 'Query was successful',
  };
}

export class FakeUscisServer {
  readonly requests: RecordedRequest[] = [];
  /** Answers used in order for `GET /case-status/{receipt}`; when empty, the defaults apply. */
  readonly caseScripts = new Map<string, ScriptedAnswer[]>();
  /** Answers used in order for the token endpoint; when empty, a token is issued. */
  readonly tokenScript: ScriptedAnswer[] = [];
  /** Cases the sandbox knows; others are 404. */
  readonly cases = new Map<string, unknown>([['EAC9999103402', approvedCaseAnswer()]]);
  tokenExpiresIn: string | number = '1799';
  /** When true, every status request gets 401 (a token the API no longer accepts). */
  rejectAllTokens = false;
  /** The API's routes live under this path ("/uscis/v1"), as behind a gateway; none by default. */
  basePath = '';
  #validTokens = new Set<string>();
  #issued = 0;
  #server = http.createServer((request, response) => void this.#handle(request, response));
  baseUrl = '';

  static async start(): Promise<FakeUscisServer> {
    const fake = new FakeUscisServer();
    fake.#server.listen(0, '127.0.0.1');
    await once(fake.#server, 'listening');
    fake.baseUrl = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop(): Promise<void> {
    // Hanging answers keep sockets open; close them so the test run does not wait for them.
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  get tokenRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === `${this.basePath}/oauth/accesstoken`);
  }

  get statusRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.startsWith(`${this.basePath}/case-status/`));
  }

  /** Makes every issued token invalid, as when it expired on the server's side. */
  expireTokens(): void {
    this.#validTokens.clear();
  }

  script(receiptNumber: string, ...answers: ScriptedAnswer[]): void {
    this.caseScripts.set(receiptNumber, [...(this.caseScripts.get(receiptNumber) ?? []), ...answers]);
  }

  async #handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    this.requests.push({ method: request.method ?? '', path, headers: request.headers, body });

    const route = path.startsWith(`${this.basePath}/`) ? path.slice(this.basePath.length) : '';
    if (request.method === 'POST' && route === '/oauth/accesstoken')
      return this.#token(request, body, response);
    const match = /^\/case-status\/([^/]+)$/.exec(route);
    if (request.method === 'GET' && match?.[1])
      return this.#status(request, decodeURIComponent(match[1]), response);
    send(response, { status: 404, body: { message: 'no such route' } });
  }

  #token(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    const scripted = this.tokenScript.shift();
    if (scripted) return send(response, scripted);
    const form = new URLSearchParams(body);
    const formEncoded = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
    if (
      !formEncoded ||
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== CLIENT_ID ||
      form.get('client_secret') !== CLIENT_SECRET
    ) {
      return send(response, { status: 401, body: { error: 'invalid_client' } });
    }
    this.#issued += 1;
    const token = `token-${this.#issued}`;
    this.#validTokens.add(token);
    send(response, {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: this.tokenExpiresIn,
        issued_at: String(Date.now()),
        client_id: CLIENT_ID,
        status: 'approved',
      },
    });
  }

  #status(request: http.IncomingMessage, receiptNumber: string, response: http.ServerResponse): void {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (this.rejectAllTokens || !token || !this.#validTokens.has(token)) {
      return send(response, { status: 401, body: { fault: { faultstring: 'Invalid access token' } } });
    }
    const scripted = this.caseScripts.get(receiptNumber)?.shift();
    if (scripted) return send(response, scripted);
    if (!/^[A-Z]{3}\d{10}$/.test(receiptNumber)) {
      return send(response, {
        status: 400,
        body: { errors: [{ code: '400', message: 'Invalid receipt number' }] },
      });
    }
    const known = this.cases.get(receiptNumber);
    if (known) return send(response, { status: 200, body: known });
    send(response, { status: 404, body: { errors: [{ code: '404', message: 'Case not found' }] } });
  }
}

function send(response: http.ServerResponse, answer: ScriptedAnswer): void {
  if (answer === 'hang') return; // never answer: the client's timeout must end the request
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(text);
}
