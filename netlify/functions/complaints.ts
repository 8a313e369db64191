// Netlify Functions (web standard): POST /api/complaints on GitHub and Resend.
// Deployment: see "Deploying" in the README.
import { createIntakeFunction } from "../../automation/platform/intake-function.ts";
import { netlifyFunction } from "../../automation/platform/netlify.ts";

export default netlifyFunction(createIntakeFunction);

export const config = { path: "/api/complaints" };
