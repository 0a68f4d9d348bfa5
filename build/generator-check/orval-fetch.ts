// The mutator of the orval client (orval.config.mjs): every generated call goes through
// `sinchFetch`, which puts the base URL in front of orval's relative URL, gives a path's `+` back
// (orval's urlEncodeParameters sends it as %2B; the spec requires it literally), signs the request
// with the published signer and answers orval's `{ data, status, headers }`.
import { signingFetch, type Settings } from "./flow.ts";

let send: ((request: Request) => Promise<Response>) | undefined;
let baseUrl = "";

/** Called once before the first request: where the API is and how to sign. */
export function configure(settings: Settings, sentPaths: string[]): void {
  baseUrl = settings.baseUrl.replace(/\/$/, "");
  send = signingFetch(settings, sentPaths);
}

/** A path's `%2B` back to the literal `+` the spec requires (the query, if any, is left alone). */
export function literalPlus(url: URL): URL {
  url.pathname = url.pathname.replace(/%2B/gi, "+");
  return url;
}

export async function sinchFetch<T>(url: string, options: RequestInit): Promise<T> {
  if (!send) throw new Error("orval-fetch.ts: configure() was not called");
  const response = await send(new Request(literalPlus(new URL(baseUrl + url)), options));
  const body = [204, 205, 304].includes(response.status) ? "" : await response.text();
  return { data: body ? JSON.parse(body) : {}, status: response.status, headers: response.headers } as T;
}
