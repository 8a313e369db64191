import { existsSync } from "node:fs";
import { join } from "node:path";
import { dispatch } from "../dispatch/dispatch.ts";
import { createDispatchRounds } from "../dispatch/dispatch-rounds.ts";
import { createIntakeHandler, INTAKE_PATH } from "../intake/intake-handler.ts";
import { allowedOrigins } from "../intake/allowed-origins.ts";
import { createRateLimiter } from "../intake/rate-limit.ts";
import { configPath } from "../config/read-config.ts";
import { installPushHook } from "../repo/push-hook.ts";
import { parseTrustProxy } from "../server/forwarded.ts";
import { buildRuntime, dispatchDeps, PROJECT_ROOT } from "../runtime.ts";
import { githubEndpoints } from "../store/github-endpoints.ts";
import { createNodeServer, type WebHandler } from "../server/node-server.ts";
import { serveThankYouPages } from "../server/thank-you-route.ts";
import { createEmailWebhook, EMAIL_WEBHOOK_PATH } from "../intake/email-webhook.ts";
import { createResendInbound } from "../intake/resend-inbound.ts";
import { createGitHubWebhook, GITHUB_WEBHOOK_PATH } from "../github/webhook.ts";
import { startRetentionTimer } from "../privacy/retention-timer.ts";
import { createDeskApi, DESK_API_PATH } from "../desk/desk-api.ts";
import { deskLetterPreview } from "../desk/desk-letters.ts";
import { casePageHandler, isCasePagePath } from "../case-page/case-page-runtime.ts";
import { watchInbox } from "../conversation/inbox-watch.ts";
import { readServeIntervals } from "./serve-intervals.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";

export const serveCommand: Command = {
  name: "serve",
  summary: "serve the site and the intake API (what npm start runs)",
  help: `Usage: docket serve [--port N] [--host H]

Serves the built site (site/dist) and POST ${INTAKE_PATH} on the configured
stores: GitHub when GITHUB_REPOSITORY is set, else the local repository
(DOCKET_REPO, default .docket/repo, created on first run); Resend when
RESEND_API_KEY is set, else .eml files in DOCKET_OUTBOX (default
.docket/outbox). As the workflows do on GitHub, letters owed are reconciled
(docket dispatch) after each intake, on every new commit on main (checked
every DOCKET_WATCH_SECONDS: 2 locally, 60 on GitHub) and every
DOCKET_DISPATCH_SECONDS (default 60) for reminders and delay notices.
On the local repository, personal data past privacy.retention is erased
from its history (docket retention) at start-up and every
DOCKET_RETENTION_HOURS (default 24; 0 turns it off). A value of these that is
not a number, below 0.1 s or longer than a timer can wait (about 24 days)
stops serve at start-up, naming the variable.

Mail in on the embedded default: every .eml file put in DOCKET_INBOX
(default .docket/inbox; also with GitHub when DOCKET_INBOX is set) is taken
in within seconds as if it had reached the complaints address: a reply to a
letter is filed on its dossier, other mail opens a complaint. It is then
moved to processed/, or to failed/ with a .txt saying why; while the
dossier repository cannot be reached it waits in the inbox.

Complaints by e-mail (§1.1) arrive through Resend's email.received webhook at
POST /api/email/received when RESEND_API_KEY and RESEND_WEBHOOK_SECRET are set.
GitHub's webhook (pull_request and push events) at POST /api/github/webhook
when GITHUB_WEBHOOK_SECRET is set: a merge into main dispatches at once.

The handler's desk at /desk/ (English: /en/desk/) advances a case in forms
on the local repository: each save is one commit on main, judged as a push
is. It answers only a browser on this machine, never through a proxy; on
GitHub handlers save through pull requests instead.

Behind a reverse proxy set DOCKET_TRUST_PROXY to the number of proxies in
front (usually 1): the client is then the right-most X-Forwarded-For address
they did not add, and a browser's Origin is checked against the forwarded
scheme and host. SITE_URL's origin may always post.

The complainant's page: every letter to a complainant carries a personal link
to their case's page (/zaak/<ID>/<link>, /en/case/<ID>/<link>), made with a key
kept outside git: DOCKET_PAGE_KEY, else on the embedded default a key made once
in the local repository's git directory (DOCKET_REPO/docket-page-key, or
DOCKET_PAGE_KEY_FILE). Links point at SITE_URL.

Options:
  --port N     port to listen on (default: $PORT, else 4321)
  --host H     address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  -h, --help   show this help

Stop with Ctrl-C: work in flight finishes first.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      port: { type: "string" },
      host: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = Number(values.port ?? io.env.PORT ?? 4321);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number, got "${values.port ?? io.env.PORT}"`);
    const runtime = await buildRuntime(io.env, io.cwd);
    const intervals = readServeIntervals(io.env, runtime.store.kind === "local");
    const log = (message: string) => io.stderr(`${new Date().toISOString()} ${message}\n`);
    if (runtime.store.kind === "local") {
      // Handlers push to the embedded repository: each push is judged as a pull request is.
      await runtime.store.head();
      installPushHook(runtime.store.location, {
        node: process.execPath,
        cli: join(PROJECT_ROOT, "automation", "cli", "bin.ts"),
        config: configPath(io.env, io.cwd, existsSync),
        branch: "main",
      });
    }

    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(work: () => Promise<T>) => {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    };
    const deps = dispatchDeps(runtime);
    const reconcile = (only?: string[]) =>
      serial(async () => {
        const report = await dispatch(deps, only ? { only } : {});
        for (const s of report.sent) log(`sent ${s.letter} for ${s.id}`);
        for (const f of report.failed) log(`not sent ${f.letter} for ${f.id}: ${f.reason}`);
        for (const s of report.skipped)
          log(`skipped ${s.file}: ${s.violations.map((v) => v.message).join("; ")}`);
      });

    const intake = createIntakeHandler({
      config: runtime.config,
      calendar: runtime.context.calendar,
      store: runtime.store,
      clock: () => new Date(),
      rateLimiter: createRateLimiter({ burst: 10, perMinute: 5, now: () => Date.now() }),
      deliver: (filed) => reconcile([filed.path]),
      allowedOrigins: allowedOrigins(io.env),
      log,
    });
    const email =
      io.env.RESEND_WEBHOOK_SECRET && io.env.RESEND_API_KEY
        ? createEmailWebhook({
            config: runtime.config,
            calendar: runtime.context.calendar,
            store: runtime.store,
            clock: () => new Date(),
            deliver: (filed) => reconcile([filed.path]),
            fetchReceivedEmail: createResendInbound({ apiKey: io.env.RESEND_API_KEY }),
            webhookSecret: io.env.RESEND_WEBHOOK_SECRET,
            caseLinks: runtime.caseLinks,
            log,
          })
        : undefined;
    // GitHub's webhook (pull_request, push): a merge into the dossiers' branch reconciles the letters at once.
    const github = io.env.GITHUB_WEBHOOK_SECRET
      ? createGitHubWebhook({
          secret: io.env.GITHUB_WEBHOOK_SECRET,
          branch: io.env.DOCKET_BRANCH ?? "main",
          ...(io.env.GITHUB_REPOSITORY ? { repository: io.env.GITHUB_REPOSITORY } : {}),
          run: () => reconcile(),
          log,
        })
      : undefined;
    // The handler's desk saves to the embedded repository; on GitHub it opens pull requests itself.
    const desk =
      runtime.store.kind === "local"
        ? createDeskApi({
            store: runtime.store,
            context: runtime.context,
            clock: () => new Date(),
            previewLetters: deskLetterPreview(deps),
          })
        : undefined;
    const handler: WebHandler = (request, context) =>
      new URL(request.url).pathname === DESK_API_PATH
        ? desk
          ? desk(request, context)
          : Promise.resolve(new Response("The desk saves through GitHub here", { status: 404 }))
        : github && new URL(request.url).pathname.startsWith(GITHUB_WEBHOOK_PATH)
          ? github(request, context)
          : new URL(request.url).pathname.startsWith(EMAIL_WEBHOOK_PATH)
            ? email
              ? email(request, context)
              : Promise.resolve(
                  new Response("The e-mail channel is not configured", { status: 404 }),
                )
            : intake(request, context);
    // The complainant's page (/zaak/…, /en/case/…): on when there is a page key.
    const casePage = casePageHandler(runtime, { deliver: (path) => reconcile([path]), log });
    const siteDir = join(PROJECT_ROOT, "site", "dist");
    const server = createNodeServer({
      api: handler,
      ...(casePage ? { pages: { match: isCasePagePath, handle: casePage } } : {}),
      ...(existsSync(siteDir) ? { siteDir } : {}),
      trustProxy: parseTrustProxy(io.env.DOCKET_TRUST_PROXY),
      githubApiUrl: githubEndpoints(io.env).apiUrl,
      log,
    });
    // Without JavaScript the thank-you page shows the case number because it is written in here.
    if (existsSync(siteDir)) serveThankYouPages(server, siteDir);
    // Mail in on the embedded default: .eml files dropped in DOCKET_INBOX.
    const inbox = watchInbox({
      env: io.env,
      every: intervals.inbox,
      cwd: io.cwd,
      local: runtime.store.kind === "local",
      deps: {
        config: runtime.config,
        calendar: runtime.context.calendar,
        store: runtime.store,
        clock: () => new Date(),
        caseLinks: runtime.caseLinks,
      },
      deliver: (path) => reconcile([path]),
      log,
    });
    const host = values.host ?? "127.0.0.1";
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const address = server.address();
    const shown = typeof address === "object" && address ? address.port : port;
    io.stdout(
      [
        `Docket is running at http://${host === "0.0.0.0" ? "localhost" : host}:${shown}/`,
        `  site:        ${existsSync(siteDir) ? siteDir : "(not built: only the API is served)"}`,
        `  intake API:  POST http://${host}:${shown}${INTAKE_PATH}`,
        `  dossiers:    ${runtime.store.kind === "local" ? `${runtime.store.location} (git clone it to work on dossiers; every push is checked)` : `GitHub ${runtime.store.location}`}`,
        `  desk:        ${desk ? `http://${host === "0.0.0.0" ? "localhost" : host}:${shown}/desk/ (this machine only)` : "on GitHub, through pull requests"}`,
        `  mail:        ${runtime.outboxDir ? `${runtime.outboxDir} (.eml files)` : "Resend"}`,
        `  case pages:  ${casePage ? "/zaak/<ID>/<link> and /en/case/<ID>/<link> (personal links in letters)" : "off (set DOCKET_PAGE_KEY)"}`,
        `  e-mail in:   ${email ? `POST ${EMAIL_WEBHOOK_PATH} (Resend webhook)` : "off (set RESEND_API_KEY and RESEND_WEBHOOK_SECRET)"}`,
        `  inbox:       ${inbox ? `${inbox.dir} (.eml files put here are taken in)` : "off (set DOCKET_INBOX)"}`,
        "",
      ].join("\n"),
    );

    // As the workflows do on GitHub: dispatch on every new commit on main (a handler's push, a merge),
    // and the deadline watch (reminders, delay notices) when the day changes. Each round asks only whether
    // main moved (on GitHub a conditional request, free while nothing changed) and reconciles what changed.
    const rounds = runtime.store.reader
      ? createDispatchRounds(deps, runtime.store.reader)
      : undefined;
    const catchUp = () =>
      serial(async () => {
        if (!rounds) return reconcile();
        const report = await rounds();
        for (const s of report.sent) log(`sent ${s.letter} for ${s.id}`);
        for (const f of report.failed) log(`not sent ${f.letter} for ${f.id}: ${f.reason}`);
        for (const s of report.skipped)
          log(`skipped ${s.file}: ${s.violations.map((v) => v.message).join("; ")}`);
      }).catch((error: unknown) => log(`dispatch: ${String(error)}`));
    void catchUp();
    const timer = setInterval(catchUp, intervals.dispatch);
    const watch = setInterval(catchUp, intervals.watch);
    const retention =
      runtime.store.kind === "local"
        ? startRetentionTimer({
            root: runtime.store.location,
            config: runtime.config,
            context: runtime.context,
            every: intervals.retention,
            serial,
            log,
          })
        : undefined;
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearInterval(timer);
        clearInterval(watch);
        retention?.stop();
        server.close(() => resolve());
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await server.drain();
    await inbox?.stop();
    await queue;
    return EXIT.ok;
  },
};
