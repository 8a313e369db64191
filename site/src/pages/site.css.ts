import type { APIRoute } from "astro";
import css from "../styles/site.css?raw";

/**
 * The site's stylesheet at a fixed address, for the pages the server writes
 * (the form with its errors, a refusal): they look like the site's own.
 */
export const GET: APIRoute = () =>
  new Response(css, { headers: { "content-type": "text/css; charset=utf-8" } });
