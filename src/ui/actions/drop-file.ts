/** Drag-and-drop of a file onto an element (the whole page): calls back with the first file dropped. */
import type { Action } from 'svelte/action';

export interface DropParams {
  ondrop: (file: File) => void;
  onhover?: (isOver: boolean) => void;
}

export const dropFile: Action<HTMLElement, DropParams> = (node, initial) => {
  let params = initial;
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const over = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    params.onhover?.(true);
  };
  const leave = (event: DragEvent) => {
    if (event.relatedTarget === null || !node.contains(event.relatedTarget as Node)) params.onhover?.(false);
  };
  const drop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    params.onhover?.(false);
    const file = event.dataTransfer?.files[0];
    if (file) params.ondrop(file);
  };
  node.addEventListener('dragover', over);
  node.addEventListener('dragleave', leave);
  node.addEventListener('drop', drop);
  return {
    update(next) {
      params = next;
    },
    destroy() {
      node.removeEventListener('dragover', over);
      node.removeEventListener('dragleave', leave);
      node.removeEventListener('drop', drop);
    },
  };
};
