// Netlify Functions: GitHub's webhook at POST /api/github/webhook; a merge into main dispatches the letters.
// Deployment: see "Deploying" in the README; the webhook sends pull_request and push events, signed with
// GITHUB_WEBHOOK_SECRET.
import { createGitHubWebhookFunction } from "../../automation/platform/github-webhook-function.ts";
import { netlifyFunction } from "../../automation/platform/netlify.ts";

export default netlifyFunction(createGitHubWebhookFunction);

export const config = { path: "/api/github/webhook" };
