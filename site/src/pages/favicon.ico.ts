import type { APIRoute } from "astro";
import { faviconIco } from "../lib/favicon-ico.ts";
import { organisation } from "../lib/site-config.ts";

/** /favicon.ico, for what asks for it whatever the page links: the same square as favicon.svg. */
export const GET: APIRoute = () =>
  new Response(faviconIco(organisation.colours.primary), {
    headers: { "content-type": "image/x-icon" },
  });
