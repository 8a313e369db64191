// Netlify Functions: the handler's desk signs in with GitHub at /api/desk/auth (Decap CMS's GitHub backend).
// Deployment: see "The handler's desk on GitHub" in docs/github.md.
import { createDeskAuthFunction } from "../../automation/platform/desk-auth-function.ts";
import { netlifyFunction } from "../../automation/platform/netlify.ts";

export default netlifyFunction(createDeskAuthFunction);

export const config = { path: ["/api/desk/auth", "/api/desk/auth/callback"] };
