/**
 * Driver (inside the test's network namespace, test/helpers/netns.ts): `seifer-lab serve`, a host page on its host
 * link, member pages (Chromium contexts) and `seifer-lab node` processes on its join link form a cluster; the host
 * measures, plans and runs; one member page is closed mid-run; the host recovers. Returns what the pages showed.
 */
import type { MeasuredLink, MemberInfo, MemberSpeed } from '../../../src/devices/types';
import type { LabMetrics } from '../../../src/ui/state/hooks';
import { launchChromium } from '../../helpers/chromium';
import { driverMain, NETNS_CHROMIUM_FLAGS, say } from '../../helpers/netns-driver';
import {
  devicesView,
  diagnose,
  faults,
  formSession,
  measure,
  memberId,
  metrics,
  pauseAndDrain,
  planAndRun,
  recoveryFrom,
  runClockSec,
  saveWebp,
  startServe,
  until,
  type HostPage,
  type NodeMember,
  type RecoveryFromFault,
} from '../../helpers/netns-session';

export interface DevicesInput {
  pages: number;
  nodes: number;
  /** Screenshots of the host page and a member page go here (PNG), when given. */
  screenshotDir?: string;
}

export interface DevicesOutcome {
  members: MemberInfo[];
  speeds: MemberSpeed[];
  links: MeasuredLink[];
  /** What each member page said before the fault, by node id. */
  headlines: Record<string, string>;
  /** Paths a member page listed, by node id. */
  memberPaths: Record<string, string>;
  /** The plan while the member pages were read, and its epoch. */
  plan: LabMetrics['plan'];
  planEpoch: number;
  beforeFault: LabMetrics;
  closed: string;
  afterRecovery: LabMetrics;
  /** The widest a member page got at 390 px (no sideways scrolling on a phone). */
  memberPageWidthPx: number;
  /** After Leave on another member page: what it says, and that member's state on the host. */
  leave: { headline: string; hostState: string };
  /** What a member page with a guessed session code said. */
  refused: string;
  recovery: RecoveryFromFault | null;
  recordOutcome: string | null;
  problems: string[];
}

driverMain(async (input: DevicesInput): Promise<DevicesOutcome> => {
  const served = await startServe();
  const browser = await launchChromium(NETNS_CHROMIUM_FLAGS);
  const nodes: NodeMember[] = [];
  let host: HostPage | null = null;
  try {
    // the node process offers 4 MiB: the model (9.6 MiB) cannot run on it alone, so a member page always serves a
    // stage (the tab this test closes); a node process is the fastest member and would otherwise take it all
    const formed = await formSession(browser, served, { ...input, nodeMemoryMiB: 4 }, nodes);
    const hostPage = formed.host;
    const pages = formed.pages;
    host = hostPage;
    // a guessed code: the page says it could not join, and the session does not change
    const guessed = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await guessed.goto(served.joinLink.replace(/#join=.*/, '#join=0000-0000-0000-0000'));
    const refused = (await guessed.getByTestId('member-headline').filter({ hasText: 'could not join' }).textContent({ timeout: 20_000 })) ?? '';
    await guessed.close();
    say(`a guessed code: ${refused}`);
    say('every member joined; measuring');
    const measured = await measure(hostPage.page, 150_000);
    say(`measured ${measured.speeds.length} members and ${measured.links.length} links`);
    const beforeFault = await planAndRun(hostPage.page, 30, 180_000);
    say(`streaming: ${beforeFault.completed} results, ${beforeFault.verified} checked`);

    // what each member page says, with the plan of that moment (the dispatcher may re-plan on what it measures)
    const headlines: Record<string, string> = {};
    const memberPaths: Record<string, string> = {};
    const planned = await until(
      async () => {
        const epoch = (await metrics(hostPage.page))?.epoch;
        for (const member of pages) {
          const { page } = member;
          const id = await memberId(member);
          headlines[id] = (await page.getByTestId('member-headline').textContent()) ?? '';
          memberPaths[id] =
            (await page
              .getByTestId('member-paths')
              .textContent({ timeout: 1000 })
              .catch(() => '')) ?? '';
        }
        const after = await metrics(hostPage.page);
        return after && after.epoch === epoch && after.phase === 'running' && after;
      },
      'the member pages read within one plan',
      60_000,
    );
    const ids = await Promise.all(pages.map(memberId));
    if (input.screenshotDir) {
      await hostPage.page.getByTestId('devices-show').click();
      await saveWebp(hostPage.page, `${input.screenshotDir}/devices-host-session.webp`);
      await hostPage.page.getByRole('button', { name: 'Back to the cluster view' }).click();
      await hostPage.page.waitForTimeout(1500);
      await saveWebp(hostPage.page, `${input.screenshotDir}/devices-host-run.webp`);
      const serving = pages.find((_, i) => planned.plan?.stages.some((s) => s.node === ids[i])) ?? pages[0];
      await saveWebp(serving.page, `${input.screenshotDir}/devices-member.webp`);
    }

    // close a member page that serves a stage: a tab closed mid-run
    const plan = planned.plan;
    const victim = ids.findIndex((id) => plan?.stages.some((s) => s.node === id));
    if (victim < 0) throw new Error(`no member page serves a stage in the plan (${JSON.stringify(plan)})`);
    const closed = ids[victim];
    const causedAtSec = await runClockSec(hostPage.page);
    await pages[victim].context.close();
    say(`closed ${closed}'s page at ${causedAtSec.toFixed(1)} s of the run`);

    const closedAt = await metrics(hostPage.page);
    const recovered = await until(
      async () => {
        const m = await metrics(hostPage.page);
        const found = recoveryFrom(await faults(hostPage.page), closed, causedAtSec);
        return m && found?.figures.firstResultMs !== null && found && !m.plan?.stages.some((s) => s.node === closed) && m.completed >= (closedAt?.completed ?? 0) + 20 && m;
      },
      `recovery from closing ${closed} (a plan without it, a first result, 20 more results)`,
      120_000,
    );
    say(`recovered: epoch ${recovered.epoch}, ${recovered.completed} results`);
    const afterRecovery = await pauseAndDrain(hostPage.page, 60_000);
    const memberPageWidthPx = Math.max(...(await Promise.all(pages.filter((_, i) => i !== victim).map((p) => p.page.evaluate(() => document.documentElement.scrollWidth)))));

    // Leave on another page: it says so, and the host sees the member gone
    const leaver = pages.findIndex((_, i) => i !== victim);
    await pages[leaver].page.getByTestId('member-leave').click();
    const leftHeadline = await pages[leaver].page.getByTestId('member-headline').filter({ hasText: 'You left' }).textContent({ timeout: 10_000 });
    const hostState = await until(
      async () => (await devicesView(hostPage.page)).members.find((m) => m.id === ids[leaver] && m.state === 'gone')?.state,
      `${ids[leaver]} gone on the host page after Leave`,
      10_000,
    );
    const found = recoveryFrom(await faults(hostPage.page), closed, causedAtSec);
    const problems = [...hostPage.problems, ...pages.flatMap((p, i) => (i === victim ? [] : p.problems))];
    return {
      members: measured.members,
      speeds: measured.speeds,
      links: measured.links,
      headlines,
      memberPaths,
      plan,
      planEpoch: planned.epoch,
      beforeFault,
      closed,
      afterRecovery,
      memberPageWidthPx,
      leave: { headline: leftHeadline ?? '', hostState },
      refused,
      recovery: found?.figures ?? null,
      recordOutcome: found?.record.outcome ?? null,
      problems,
    };
  } catch (error) {
    // what the host page showed when it went wrong, for the failure message
    if (host) say(`host page at the failure: ${JSON.stringify(await diagnose(host.page).catch((e: unknown) => String(e)))}`);
    throw error;
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await browser.close();
    await served.stop();
  }
});
