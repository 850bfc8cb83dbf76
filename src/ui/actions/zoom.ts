/** d3-zoom on an SVG, as a Svelte action: the view gets the transform, d3 never touches the template. */
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomTransform } from 'd3-zoom';
import type { Action } from 'svelte/action';

export interface ZoomParams {
  onzoom: (transform: ZoomTransform) => void;
  /** Changing this key resets the view (a new cluster). */
  resetKey?: unknown;
}

export const zoom: Action<SVGSVGElement, ZoomParams> = (node, params) => {
  let current = params;
  const behaviour = d3zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.3, 6])
    // wheel zooms only with a modifier, so the page still scrolls; drag pans; double click zooms in
    .filter((event: Event) => (event.type === 'wheel' ? (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey : !(event as MouseEvent).button))
    .on('zoom', (event: { transform: ZoomTransform }) => current.onzoom(event.transform));
  const selection = select<SVGSVGElement, unknown>(node);
  selection.call(behaviour).on('dblclick.zoom', null);
  return {
    update(next) {
      if (next.resetKey !== current.resetKey) behaviour.transform(selection, zoomIdentity);
      current = next;
    },
    destroy() {
      selection.on('.zoom', null);
    },
  };
};
