/** What the user is looking at: the side panel's tab, the selected node or link, the expanded stage, the Teach step's highlights. */
import type { TeachFocus } from '../lab/teach-steps';

export type SideTab = 'metrics' | 'compare' | 'teach' | 'edit' | 'events';

export type Selection = { kind: 'node'; id: string } | { kind: 'link'; a: string; b: string } | null;

export class ViewState {
  tab = $state<SideTab>('metrics');
  selection = $state.raw<Selection>(null);
  /** Stage whose ONNX nodes the model view lists (null: the block chain only). */
  expandedStage = $state<number | null>(null);
  /** What a block's width stands for in the model view. */
  measure = $state<'flops' | 'memory'>('flops');
  /** Everything a quarter larger, for a projector. */
  large = $state(false);
  /** What the Teach step on show highlights in the cluster and model views (null: no step on show). */
  teachFocus = $state.raw<TeachFocus | null>(null);

  select(selection: Selection): void {
    this.selection = selection;
  }

  toggleStage(stage: number): void {
    this.expandedStage = this.expandedStage === stage ? null : stage;
  }
}
