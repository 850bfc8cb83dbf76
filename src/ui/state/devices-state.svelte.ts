/**
 * The host page's real-devices session as the views see it (docs/design.md, "Real devices"): the join link and
 * its code, the members as they join, the measurement's progress and figures, and the backend a run streams on.
 * The session lives on the server this page came from; a page served without one says so instead.
 */
import type { ClusterBackend } from '../../emulator/backend';
import type { ClusterFile } from '../../emulator/cluster-file';
import { describeError } from '../../errors';
import type { ModelAnalysis } from '../../model/index';
import type { Profile } from '../../planner/types';
import type { DeviceRunInputs, HopTraffic, MeasuredLink, MemberInfo, MemberSpeed } from '../../devices/types';
import { HostSession } from '../../devices/host-session';
import { needsServeMessage, sessionUrlOf, type HostLink } from '../lab/devices-host';
import type { Progress } from './model-state.svelte';

export type DevicesPhase = 'closed' | 'opening' | 'open' | 'unavailable' | 'measuring';

export class DevicesState {
  phase = $state<DevicesPhase>('closed');
  joinUrl = $state('');
  code = $state('');
  members = $state.raw<MemberInfo[]>([]);
  speeds = $state.raw<MemberSpeed[]>([]);
  links = $state.raw<MeasuredLink[]>([]);
  progress = $state.raw<Progress | null>(null);
  /** Why there is no session, or why the last step failed. */
  error = $state('');
  /** The cluster the last measurement produced (null until measured; members joining or leaving keep it). */
  measured = $state.raw<ClusterFile | null>(null);
  /** The model the members were calibrated on (its name): another model needs measuring again. */
  measuredModel = $state('');
  /** The session panel in place of the cluster view (before a run, or when the host asks for it). */
  showPanel = $state(true);
  private session: HostSession | null = null;
  private unsubscribe: (() => void) | null = null;
  private hostLink: HostLink | null = null;

  /** The host link the page was opened with: the page hosts that session (the one `serve` printed) instead of a new one. */
  adopt(link: HostLink): void {
    this.hostLink = link;
  }

  /** Opens the session on this page's server, once; a page without one gets a clear message, not an exception. */
  async open(): Promise<boolean> {
    if (this.session) return true;
    if (this.phase === 'opening') return false;
    const where = sessionUrlOf(location.href);
    if (!where.ok) {
      this.phase = 'unavailable';
      this.error = needsServeMessage(where.why);
      return false;
    }
    this.phase = 'opening';
    this.error = '';
    try {
      const session = await HostSession.open(where.url, this.hostLink ? { session: this.hostLink } : {});
      this.session = session;
      this.code = session.code;
      this.joinUrl = session.joinUrl;
      this.unsubscribe = session.onChange(() => this.refresh());
      this.phase = 'open';
      this.refresh();
      return true;
    } catch (error) {
      this.phase = 'unavailable';
      this.error = needsServeMessage(`${where.url} did not answer as a session service: ${describeError(error)}`);
      return false;
    }
  }

  /** Calibrates every member on the model and probes every link, with progress; the planner then plans on the result. */
  async measure(modelBytes: Uint8Array, profile: Profile, analysis: ModelAnalysis): Promise<boolean> {
    const session = this.session;
    if (!session || this.phase === 'measuring') return false;
    this.phase = 'measuring';
    this.error = '';
    this.progress = { label: 'measuring members and links', fraction: 0 };
    try {
      const progress = (done: number, total: number) => (this.progress = { label: `measuring members and links (${done}/${total})`, fraction: total > 0 ? done / total : 0 });
      // an analysis with the weights: the session slices each block from it for the calibration
      await session.measure(modelBytes, profile, progress, { analysis });
      this.measured = session.cluster();
      this.measuredModel = profile.model;
      this.refresh();
      return true;
    } catch (error) {
      this.error = describeError(error);
      return false;
    } finally {
      this.progress = null;
      if (this.session === session) this.phase = 'open';
    }
  }

  /** The backend a run streams on: the session's members, the dispatcher on this page. */
  backend(inputs: DeviceRunInputs): ClusterBackend {
    if (!this.session) throw new Error('No real-devices session is open: choose the Real devices mode on a page served by "npx seifer-lab serve".');
    return this.session.backend(inputs);
  }

  /** What each directed link carried while serving, against its probed figures (empty without a session). */
  traffic(): HopTraffic[] {
    return this.session?.traffic() ?? [];
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.session?.close();
    this.session = null;
    this.measured = null;
    this.members = [];
    this.speeds = [];
    this.links = [];
    this.phase = 'closed';
  }

  private refresh(): void {
    const session = this.session;
    if (!session) return;
    if (session.closedBy === 'server') {
      this.close();
      this.phase = 'unavailable';
      this.error = 'The lab server went away and the session with it: start "npx seifer-lab serve" again and open the address it prints.';
      return;
    }
    this.members = [...session.members()];
    this.speeds = [...session.speeds()];
    this.links = [...session.links()];
  }
}
