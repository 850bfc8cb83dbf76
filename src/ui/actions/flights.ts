/**
 * Tensors in flight, drawn on one canvas over the cluster view by one requestAnimationFrame loop: a frame costs
 * a clear and a few dozen dots, whatever the sample rate. The loop sleeps while nothing is in flight.
 */
import type { Action } from 'svelte/action';
import { flightDots, type Hop } from '../layout/flight-layout';

export interface FlightParams {
  hops: Hop[];
  /** The view's zoom transform. */
  transform: { x: number; y: number; k: number };
  color: string;
}

export const flights: Action<HTMLCanvasElement, FlightParams> = (canvas, initial) => {
  let params = initial;
  let frame = 0;
  const context = canvas.getContext('2d');

  function draw(nowMs: number): void {
    frame = 0;
    if (!context) return;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const { x, y, k } = params.transform;
    context.setTransform(ratio * k, 0, 0, ratio * k, ratio * x, ratio * y);
    context.fillStyle = params.color;
    context.beginPath();
    for (const [dx, dy] of flightDots(params.hops, nowMs)) {
      context.moveTo(dx + 5, dy);
      context.arc(dx, dy, 5, 0, 2 * Math.PI);
    }
    context.fill();
    if (params.hops.some((h) => h.inFlight > 0)) frame = requestAnimationFrame(draw);
  }

  function wake(): void {
    if (frame === 0) frame = requestAnimationFrame(draw);
  }

  wake();
  return {
    update(next) {
      params = next;
      wake();
    },
    destroy() {
      if (frame !== 0) cancelAnimationFrame(frame);
    },
  };
};
