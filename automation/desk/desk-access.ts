/**
 * Who may use the desk on `docket serve`: a browser on the same machine,
 * and nothing else. The client must be a loopback address, the page must
 * have been asked for by a loopback name (a DNS rebinding attack names
 * another host), and a browser's Origin, when sent, must be the server's own
 * (another site open in the same browser cannot post to the desk). Pure.
 */
const LOOPBACK_ADDRESS =
  /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const LOOPBACK_HOST = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function deskRefusal(request: Request, clientAddress: string): string | undefined {
  if (!LOOPBACK_ADDRESS.test(clientAddress)) {
    return "The desk of docket serve answers only on the machine it runs on. Open it there (http://localhost), or let handlers work on GitHub, where they sign in with GitHub.";
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
