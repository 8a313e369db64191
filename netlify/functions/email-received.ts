// Netlify Functions: Resend's email.received webhook at POST /api/email/received (§1.1 complaints by e-mail).
// Deployment: see "Complaints by e-mail" in the README.
import { createEmailFunction } from "../../automation/platform/email-function.ts";
import { netlifyFunction } from "../../automation/platform/netlify.ts";

export default netlifyFunction(createEmailFunction);

export const config = { path: "/api/email/received" };
