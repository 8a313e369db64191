/**
 * Who may use the desk on `docket serve`: a browser on the same machine,
 * and nothing else. The client must be a loopback address, the page must
 * have been asked for by a loopback name (a DNS rebinding attack names
 * another host), and a browser's Origin, when sent, must be the server's own
 * (another site open in the same browser cannot post to the desk). A request
 * that came through a proxy is refused too: a reverse proxy on the same
 * machine makes every client it passes on look local. Pure.
 */
const LOOPBACK_ADDRESS =
  /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOST = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** Headers a proxy adds; a browser talking to the server directly sends none of them. */
const PROXY_HEADERS = ["x-forwarded-for", "x-forwarded-host", "forwarded", "x-real-ip", "via"];

export function deskRefusal(request: Request, clientAddress: string): string | undefined {
  if (!LOOPBACK_ADDRESS.test(clientAddress)) {
    return "The desk of docket serve answers only on the machine it runs on. Open it there (http://localhost), or let handlers work on GitHub, where they sign in with GitHub.";
  }
  const proxied = PROXY_HEADERS.find((name) => request.headers.has(name));
  if (proxied) {
    return `The desk answers only a browser on this machine, not a request that came through a proxy (it carries ${proxied}). Open it at http://localhost on the machine docket serve runs on.`;
  }
  const url = new URL(request.url);
  if (!LOOPBACK_HOST.has(url.hostname)) {
    return "The desk answers only at localhost or 127.0.0.1.";
  }
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== url.origin) {
    return "The desk answers only its own pages.";
  }
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return "The desk answers only its own pages.";
  }
  if (
    request.method !== "POST" ||
    !/^application\/json\b/i.test(request.headers.get("content-type") ?? "")
  ) {
    return "The desk's API takes POST requests with a JSON body.";
  }
  return undefined;
}
