/**
 * One emulated device in virtual time: a FIFO queue and one stage, computing for FLOPs / gflops without running
 * the model. The real node (src/workers/) does the same with onnxruntime-web and a wall clock.
 */
import type { StageDeployment, NodeStatus } from './backend';
import type { RequestId } from './ledger';

export type SimNodeState = 'up' | 'down' | 'hung';

export interface QueuedTensor {
  epoch: number;
  requestId: RequestId;
}

export class SimNode {
  state: SimNodeState = 'up';
  stage: StageDeployment | null = null;
  readonly queue: QueuedTensor[] = [];
  busy = false;
  busyMs = 0;
  /** Bumped on kill/revive, so a computation that was running when the node died is dropped. */
  incarnation = 0;

  constructor(
    readonly id: string,
    public gflops: number,
  ) {}

  computeMs(stage: StageDeployment): number {
    return stage.flops / (this.gflops * 1e6);
  }

  /** Takes a stage; tensors queued for an older plan are dropped (the dispatcher resends what matters). */
  load(stage: StageDeployment): void {
    this.stage = stage;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].epoch !== stage.epoch) this.queue.splice(i, 1);
  }

  status(): NodeStatus {
    return { busyMs: this.busyMs, queued: this.queue.length, hostBound: false, slowestRunMs: 0, stageEpoch: this.stage?.epoch ?? -1 };
  }

  reset(state: SimNodeState): void {
    this.state = state;
    this.stage = null;
    this.queue.length = 0;
    this.busy = false;
    this.incarnation++;
  }
}
