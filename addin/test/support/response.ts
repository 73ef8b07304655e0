// jsdom has no Response: the few members the add-in's API client reads (ok, status, statusText,
// headers.get, text), for the tests' fake fetches.

/** A JSON answer with `status`; `headers` are looked up case-insensitively; no body when `body` is undefined. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    text: async () => (body === undefined ? '' : JSON.stringify(body)),
  } as unknown as Response;
}
