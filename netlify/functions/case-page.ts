// Netlify Functions: the complainant's page at /zaak/<ID>/<link> and /en/case/<ID>/<link>.
// Deployment: see "Deploying" in the README; needs DOCKET_PAGE_KEY besides the intake's variables.
import { createCasePageFunction } from "../../automation/platform/case-page-function.ts";
import { netlifyFunction } from "../../automation/platform/netlify.ts";

export default netlifyFunction(createCasePageFunction);

export const config = { path: ["/zaak/*", "/en/case/*"] };
